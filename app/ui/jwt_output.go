package ui

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// jwtOutput is what the workbench shows of the token besides the verdict:
// the coloured token under the input, and the right-hand pane with the
// decoded header, payload and signature, the claims, the timeline and the
// lint findings. refresh builds it as HTML text once per edit and paint
// writes it into the DOM at once, one call per part, instead of waiting
// for go-app's next update (up to 8 ms at its 120 Hz, and then a diff of
// the whole page). The page renders the same text with app.Raw, so go-app
// mounts exactly what paint writes, and no node is made twice per
// keystroke by Go.
//
// Every string that comes from the token goes through html.EscapeString
// in jnode.html; only the timeline's own SVG is written as markup.
type jwtOutput struct {
	pane    string // the right-hand pane, as an element
	encoded string // the coloured token, as an element; "" when not shown

	// What the DOM shows, as far as paint knows: the pane's and the
	// coloured token's children.
	shownPane, shownEncoded string
}

// jwtPaneID is the right-hand pane's element id.
const jwtPaneID = "decoded-pane"

// build makes the output's HTML from the page's state.
func (o *jwtOutput) build(p *jwtPage) {
	pane := p.paneNode()
	o.pane = pane.html()
	o.encoded = ""
	if p.in.Size > 0 && p.in.Size <= jwtMaxColored {
		enc := jwtColoredToken(p.in, p.token)
		o.encoded = enc.html()
	}
}

// paneRaw is the pane as the page renders it. In the browser it is an
// empty element whose children only paint writes, so that go-app never
// compares, diffs or mounts them again; prerendered, it is the whole pane.
func (o *jwtOutput) paneRaw() app.UI {
	if app.IsClient {
		return app.Raw(jwtPaneShell)
	}
	return app.Raw(o.pane)
}

// jwtPaneShell is the pane's element without children.
const jwtPaneShell = `<section id="` + jwtPaneID + `" class="pane"></section>`

// paint writes the output into the elements go-app mounted, when they are
// there: the pane's children, and the coloured token's when its element
// stays. The coloured token is mounted by go-app from the same text when
// it appears, and again after each change.
func (o *jwtOutput) paint() {
	if !app.IsClient {
		return
	}
	jwtPaintInner(jwtPaneID, o.pane, &o.shownPane)
	if o.encoded != "" {
		jwtPaintInner("encoded", o.encoded, &o.shownEncoded)
	}
}

// rendered is called as go-app renders the page: what paint has not
// written yet is written now, and the coloured token will show what
// go-app mounts.
func (o *jwtOutput) rendered() {
	o.paint()
	o.shownEncoded = jwtInner(o.encoded)
}

// mounted is called once go-app has mounted the page, and with it the
// pane's empty element.
func (o *jwtOutput) mounted() {
	o.shownPane = ""
	o.paint()
}

// jwtPaintInner replaces the children of the element with the given id by
// those of markup, an element of the same tag and attributes as the one
// in the DOM, unless they are already shown.
func jwtPaintInner(id, markup string, shown *string) {
	inner := jwtInner(markup)
	if inner == *shown {
		return
	}
	el := app.Window().GetElementByID(id)
	if !el.Truthy() {
		return
	}
	el.Set("innerHTML", inner)
	*shown = inner
}

// jwtInner returns the children of an element's markup: what lies between
// the end of its start tag and the start of its end tag. Attribute values
// are escaped, so the first '>' ends the start tag.
func jwtInner(markup string) string {
	start := strings.IndexByte(markup, '>')
	end := strings.LastIndexByte(markup, '<')
	if start < 0 || end <= start {
		return ""
	}
	return markup[start+1 : end]
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
