package jwtbench

import (
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

func TestTokenHighlight(t *testing.T) {
	n := tokenHighlight("Bearer aa.b<b.cc")
	if got, want := n.html(), `<div id="token-highlight" class="token-input highlight on" aria-hidden="true">Bearer <span class="seg-header">aa</span><span class="seg-dot">.</span><span class="seg-payload">b&lt;b</span><span class="seg-dot">.</span><span class="seg-signature">cc</span></div>`; got != want {
		t.Errorf("highlight\n%s\nwant\n%s", got, want)
	}
	nl := tokenHighlight("a.b.c\n")
	if got := nl.html(); !strings.HasSuffix(got, "\n </div>") {
		t.Errorf("a final newline has no line: %q", got)
	}
	for _, text := range []string{"", "a." + strings.Repeat("b", maxColored) + ".c"} {
		n := tokenHighlight(text)
		if len(n.kids) != 0 || strings.Contains(n.html(), " on\"") {
			t.Errorf("an input of %d bytes is coloured", len(text))
		}
	}
}

// TestJWTPaneEditors checks that a JWS's header and payload are editors
// holding the decoded JSON, with labels, and that a JWE's are not.
func TestJWTPaneEditors(t *testing.T) {
	p := &page{token: compactToken}
	p.refresh()
	pane := p.out.pane.markup()
	for _, want := range []string{
		`<label for="header-json">Header</label>`,
		`<textarea id="payload-json" class="json json-edit"`,
		`<pre id="payload" class="json seg-payload backdrop" aria-hidden="true">`,
		`<p id="payload-json-error" class="field-error" role="alert"></p>`,
	} {
		if !strings.Contains(pane, want) {
			t.Errorf("the pane lacks %s", want)
		}
	}
	if p.te.payload.text != string(p.in.PayloadJSON) || len(p.out.editors) != 2 || p.out.editors[1].text != p.te.payload.text {
		t.Errorf("the payload editor holds %q, want %q", p.te.payload.text, p.in.PayloadJSON)
	}
	p.te.payload.edit(`{"sub":`)
	p.refresh()
	if !strings.Contains(p.out.pane.markup(), `aria-invalid="true">`) || !strings.Contains(p.out.pane.markup(), "Not a valid JSON object") {
		t.Error("the refused text is not shown as refused")
	}

	jwe := &page{token: "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d"}
	jwe.refresh()
	if strings.Contains(jwe.out.pane.markup(), "<textarea") || len(jwe.out.editors) != 0 {
		t.Error("a JWE's header is editable")
	}
}

// TestJWTResign checks that an edit is signed with the secret in the key
// field, verifies, and says so; and that without a key the signature is
// kept and the note says it no longer matches.
func TestJWTResign(t *testing.T) {
	secret := strings.Repeat("s", 32)
	p := &page{token: compactToken}
	p.setKey(secret, jot.SecretUTF8)
	p.refresh()
	p.te.payload.edit(`{"sub":"admin"}`)
	p.token = splice(p.token, p.te.encode(p.resign))
	p.refresh()
	if p.verdict.State != jot.StateValid || !strings.Contains(p.te.note, "the key above") {
		t.Errorf("re-signed token: %s %s; note %q", p.verdict.State, p.verdict.Reason, p.te.note)
	}

	q := &page{token: compactToken}
	q.refresh()
	q.te.payload.edit(`{"sub":"admin"}`)
	tok := q.te.encode(q.resign)
	if !strings.HasSuffix(tok, "."+strings.Split(compactToken, ".")[2]) || !strings.Contains(q.te.note, "no longer matches") {
		t.Errorf("without a key: %s; note %q", tok, q.te.note)
	}
}
