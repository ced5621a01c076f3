package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// jwtOutput is what the workbench shows of the token: the verdict, the
// coloured token under the input, and the right-hand pane with the decoded
// header, payload and signature, the claims, the timeline and the lint
// findings. refresh builds it as HTML text once per edit and paint writes
// it into the DOM at once, one call per part, instead of waiting for
// go-app's next update (up to 8 ms at its 120 Hz, and then a diff of the
// whole page).
//
// In the browser, go-app renders the verdict and the pane as elements with
// an id only, which never change, so it never compares, diffs or mounts
// their children again: only paint writes them. Prerendered, they are
// whole. The coloured token comes and goes with the token, so go-app
// mounts it whole, from the same text that paint writes into it.
//
// Every string that comes from the token goes through html.EscapeString
// in jnode.html; only the timeline's own SVG is written as markup.
type jwtOutput struct {
	verdict, pane, encoded jwtPart
}

// jwtPart is one element of the output.
type jwtPart struct {
	id    string
	node  jnode    // the element; its tag is "" when it is not shown
	attrs []string // its attributes
	inner string   // its children as HTML text

	// What the DOM shows, as far as paint knows.
	shownAttrs []string
	shownInner string
}

func (t *jwtPart) set(n jnode) {
	t.node, t.attrs = n, n.attrs
	t.inner = ""
	if n.tag != "" {
		t.inner = n.inner()
	}
}

// markup is the element with its children.
func (t *jwtPart) markup() string { return t.node.html() }

// shell is the element as go-app renders it in the browser: its id only,
// the rest being paint's.
func (t *jwtPart) shell() app.UI {
	if !app.IsClient {
		return app.Raw(t.markup())
	}
	return app.Raw("<" + t.node.tag + ` id="` + t.id + `"></` + t.node.tag + ">")
}

// paint writes the part into its element, when the element is there and
// does not show it yet.
func (t *jwtPart) paint() {
	if t.node.tag == "" || t.inner == t.shownInner && slices.Equal(t.attrs, t.shownAttrs) {
		return
	}
	el := app.Window().GetElementByID(t.id)
	if !el.Truthy() {
		return
	}
	if !slices.Equal(t.attrs, t.shownAttrs) {
		for i := 0; i+1 < len(t.attrs); i += 2 {
			if name, value := t.attrs[i], t.attrs[i+1]; name != "id" && value != "" {
				el.Call("setAttribute", name, value)
			}
		}
	}
	if t.inner != t.shownInner {
		el.Set("innerHTML", t.inner)
	}
	t.shownAttrs, t.shownInner = t.attrs, t.inner
}

// forget records that the DOM shows nothing of the part: go-app has just
// mounted its element.
func (t *jwtPart) forget() { t.shownAttrs, t.shownInner = nil, "\x00" }

// jwtPaneID is the right-hand pane's element id.
const jwtPaneID = "decoded-pane"

// build makes the output from the page's state.
func (o *jwtOutput) build(p *jwtPage) {
	o.verdict.id, o.pane.id, o.encoded.id = "verdict", jwtPaneID, "encoded"
	v := p.verdictView()
	o.verdict.set(v.node())
	o.pane.set(p.paneNode())
	var enc jnode
	if p.in.Size > 0 && p.in.Size <= jwtMaxColored {
		enc = jwtColoredToken(p.in, p.token)
	}
	o.encoded.set(enc)
}

// paint writes every part whose element is there.
func (o *jwtOutput) paint() {
	if !app.IsClient {
		return
	}
	o.verdict.paint()
	o.pane.paint()
	o.encoded.paint()
}

// rendered is called as go-app renders the page: what paint has not
// written yet is written now, and the coloured token will show what
// go-app mounts, if it mounts it.
func (o *jwtOutput) rendered() {
	o.paint()
	o.encoded.shownAttrs, o.encoded.shownInner = o.encoded.attrs, o.encoded.inner
}

// mounted is called once go-app has mounted the page, and with it the
// verdict's and the pane's bare elements.
func (o *jwtOutput) mounted() {
	o.verdict.forget()
	o.pane.forget()
	o.paint()
}

// verdictView is the verdict as shown.
func (p *jwtPage) verdictView() *JWTVerdict {
	if strings.TrimSpace(p.token) == "" {
		return &JWTVerdict{State: jot.StateUnverified, Reason: "Paste a token, or load an example."}
	}
	return &JWTVerdict{State: p.verdict.State, Reason: p.verdict.Reason, Hint: p.verdict.Hint}
}

// paneNode is the right-hand pane.
func (p *jwtPage) paneNode() jnode {
	empty := strings.TrimSpace(p.token) == ""
	decoded := jel("p", "class", "hint").with("The decoded header, payload and signature, the claims and the lint findings appear here.")
	if !empty {
		decoded = p.decodedNode()
	}
	lint := (&JWTLint{Findings: p.lint, Decoded: !empty}).node()
	return jel("section", "id", jwtPaneID, "class", "pane").body(decoded, lint)
}

func (p *jwtPage) decodedNode() jnode {
	in := p.in
	var problems jnode
	if in.Err() != nil {
		items := make([]jnode, len(in.Errors))
		for i, err := range in.Errors {
			items[i] = jel("li").with(err.Error())
		}
		list := jel("ul")
		list.kids = items
		problems = jel("div", "id", "problems", "class", "problems", "aria-role", "alert").body(
			jel("strong").with(jwtProblemTitle(in)),
			list,
		)
	}
	header := jel("div", "class", "segment").body(
		jel("h2", "class", "seg-title seg-header").with(jwtHeaderTitle(in)),
		(&JWTJSON{ID: "header", JSON: in.HeaderJSON, Valid: in.Header != nil}).node(),
	)
	var rest jnode
	if !in.JWE {
		var claims jnode
		if in.Payload != nil {
			skew := time.Duration(p.skew) * time.Second
			claims = jel("div", "class", "segment").body(
				jel("h2", "class", "seg-title").with("Claims"),
				(&JWTClaims{Claims: in.Payload, Now: p.now, Skew: skew}).node(),
				(&JWTTimeline{Timeline: jot.NewTimeline(in.Payload, p.now, skew)}).node(),
			)
		}
		rest = jel("div").body(
			jel("div", "class", "segment").body(
				jel("h2", "class", "seg-title seg-payload").with("Payload"),
				(&JWTJSON{ID: "payload", JSON: in.PayloadJSON, Valid: in.Payload != nil}).node(),
			),
			jwtSignatureView(in),
			claims,
		)
	}
	return jel("div").body(problems, header, rest)
}

func jwtProblemTitle(in *jot.Inspection) string {
	if in.JWE {
		return "This is a JWE: an encrypted token"
	}
	return "This token is malformed"
}

func jwtHeaderTitle(in *jot.Inspection) string {
	if in.JWE {
		return "JWE protected header"
	}
	return "Header"
}

// jwtMaxColored is the largest token repeated in colour under the input.
const jwtMaxColored = 16 << 10

func jwtColoredToken(in *jot.Inspection, token string) jnode {
	p := jel("p", "id", "encoded", "class", "encoded")
	if in.JWE {
		parts := strings.Split(jot.Clean(token), ".")
		classes := []string{"seg-header", "seg-key", "seg-iv", "seg-payload", "seg-signature"}
		for i, part := range parts {
			if i < len(parts)-1 {
				part += "."
			}
			p.kids = append(p.kids, jel("span", "class", classes[i%len(classes)]).with(part))
		}
		return p
	}
	return p.body(
		jel("span", "class", "seg-header").with(in.Raw[0]), jtext("."),
		jel("span", "class", "seg-payload").with(in.Raw[1]), jtext("."),
		jel("span", "class", "seg-signature").with(in.Raw[2]),
	)
}

func jwtSignatureView(in *jot.Inspection) jnode {
	text := "(no signature)"
	if len(in.Signature) > 0 {
		text = app.FormatString("%d bytes: %x", len(in.Signature), in.Signature)
	}
	return jel("div", "class", "segment").body(
		jel("h2", "class", "seg-title seg-signature").with("Signature"),
		jel("pre", "id", "signature", "class", "json seg-signature").with(text),
	)
}
