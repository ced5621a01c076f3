package jwtbench

import (
	"encoding/base64"
	"strings"
	"testing"
)

// TestJWTOutputEscapes checks that token text written as HTML, in element
// text and in attributes, cannot open an element or leave its attribute.
func TestJWTOutputEscapes(t *testing.T) {
	e := base64.RawURLEncoding
	hostile := `<img src=x onerror=alert(1)>"'&`
	token := e.EncodeToString([]byte(`{"alg":"HS256","kid":"`+strings.ReplaceAll(hostile, `"`, `\"`)+`"}`)) + "." +
		e.EncodeToString([]byte(`{"`+strings.ReplaceAll(hostile, `"`, `\"`)+`":1,"exp":"`+strings.ReplaceAll(hostile, `"`, `\"`)+`"}`)) + ".c2ln"
	p := &page{token: token}
	p.refresh()
	for name, markup := range map[string]string{"verdict": p.out.verdict.markup(), "pane": p.out.pane.markup(), "highlight": p.out.highlight.markup()} {
		if strings.Contains(markup, "<img") || strings.Contains(markup, "onerror=alert(1)>") {
			t.Errorf("%s lets token text through as markup: %s", name, markup)
		}
	}
	if !strings.Contains(p.out.pane.markup(), "&lt;img src=x onerror=alert(1)&gt;") {
		t.Errorf("pane does not show the hostile text escaped: %s", p.out.pane.markup())
	}
}

// TestJWTOutputInner checks that a part's children are its element's
// markup without the element's own tags.
func TestJWTOutputInner(t *testing.T) {
	var part part
	part.set(jel("pre", "id", "payload", "title", "a > b").body(jtext("x < y"), jel("span").with("z")), nil)
	if got, want := part.inner, "x &lt; y<span>z</span>"; got != want {
		t.Errorf("inner = %q, want %q", got, want)
	}
	if got, want := part.markup(), `<pre id="payload" title="a &gt; b">`+part.inner+"</pre>"; got != want {
		t.Errorf("markup = %q, want %q", got, want)
	}
	part.set(jnode{}, nil)
	if part.inner != "" || part.markup() != "" {
		t.Errorf("a part not shown has markup %q", part.markup())
	}
}

// TestJWTOutputMatchesComponents checks that the pane holds what the
// output's components render, for a valid token and a malformed one.
func TestJWTOutputMatchesComponents(t *testing.T) {
	for _, token := range []string{
		"eyJhbGciOiJIUzI1NiJ9.eyJ6IjoxLCJleHAiOjEzMDA4MTkzODAsImlzcyI6ImpvZSJ9.c2ln",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi!.sig",
	} {
		p := &page{token: token}
		p.refresh()
		// Both tokens have three segments: the header is an editor's.
		parts := []jnode{(&lintView{Findings: p.lint, Decoded: true}).node(), (&jsonView{ID: "header", JSON: p.in.HeaderJSON, Valid: p.in.Header != nil, Backdrop: true}).node()}
		if p.in.Payload != nil {
			parts = append(parts, (&claimsView{Claims: p.in.Payload, Now: p.now}).node())
		}
		for _, part := range parts {
			if html := part.html(); !strings.Contains(p.out.pane.inner, html) {
				t.Errorf("%s: the pane does not hold %s", token, html)
			}
		}
	}
}

// TestJWTPaneSegments checks that each piece of the pane lies at its path
// among the pane's elements, for every shape of the pane.
func TestJWTPaneSegments(t *testing.T) {
	for _, token := range []string{
		"",
		"eyJhbGciOiJIUzI1NiJ9.eyJ6IjoxLCJleHAiOjEzMDA4MTkzODAsImlzcyI6ImpvZSJ9.c2ln",
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi!.sig",
		"eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
	} {
		p := &page{token: token}
		p.refresh()
		n, segs := p.paneNode()
		if len(segs) < 2 {
			t.Errorf("%q: %d pieces", token, len(segs))
		}
		for _, seg := range segs {
			at := n
			for _, k := range seg.path {
				if k >= len(at.kids) {
					t.Fatalf("%q: no element at %v", token, seg.path)
				}
				at = at.kids[k]
			}
			if at.tag != jRaw || at.text != seg.html {
				t.Errorf("%q: the element at %v is not its piece", token, seg.path)
			}
		}
	}
}
