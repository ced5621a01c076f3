package jwtbench

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// output is what the workbench shows of the token: the verdict, the
// token coloured under the input's transparent text, and the right-hand pane with the decoded
// header, payload and signature, the claims, the timeline and the lint
// findings. refresh builds it as HTML text once per edit and paint writes
// it into the DOM at once, one call per part, instead of waiting for
// go-app's next update (up to 8 ms at its 120 Hz, and then a diff of the
// whole page).
//
// In the browser, go-app renders the verdict and the pane as elements with
// an id only, which never change, so it never compares, diffs or mounts
// their children again: only paint writes them, the coloured token
// likewise. Prerendered, they are whole. Within the pane, paint replaces
// only the segments that changed (see seg), so that the browser parses,
// styles and lays out only those; the header's and payload's textareas
// are never replaced but have their value set (see syncEditors).
//
// Every string that comes from the token goes through html.EscapeString
// in jnode.html; only the timeline's own SVG is written as markup.
type output struct {
	verdict, pane, highlight part
	editors                  []editorText
}

// editorText is the text that a textarea of the pane shows, and whether
// it is refused (aria-invalid).
type editorText struct {
	id, text string
	invalid  bool
}

// part is one element of the output.
type part struct {
	id    string
	node  jnode    // the element; its tag is "" when it is not shown
	attrs []string // its attributes, the same names from edit to edit
	inner string   // its children as HTML text
	segs  []seg    // pieces of inner that paint can replace on their own

	// What the DOM shows, as far as paint knows.
	shownAttrs []string
	shownInner string
	shownSegs  []seg
}

// seg is an element inside a part, at path: the indexes of the
// elements leading to it from the part's element.
type seg struct {
	path []int
	html string
}

func (t *part) set(n jnode, segs []seg) {
	t.node, t.attrs, t.segs = n, n.attrs, segs
	t.inner = ""
	if n.tag != "" {
		t.inner = n.inner()
	}
}

// markup is the element with its children.
func (t *part) markup() string { return t.node.html() }

// shell is the element as go-app renders it in the browser: its id only,
// the rest being paint's.
func (t *part) shell() app.UI {
	if !app.IsClient {
		return app.Raw(t.markup())
	}
	return app.Raw("<" + t.node.tag + ` id="` + t.id + `"></` + t.node.tag + ">")
}

// paint writes the part into its element, when the element is there and
// does not show it yet.
func (t *part) paint() {
	if t.node.tag == "" || t.inner == t.shownInner && slices.Equal(t.attrs, t.shownAttrs) {
		return
	}
	el := app.Window().GetElementByID(t.id)
	if !el.Truthy() {
		return
	}
	sameNames := len(t.attrs) == len(t.shownAttrs)
	for i := 0; i+1 < len(t.attrs); i += 2 {
		name, value := t.attrs[i], t.attrs[i+1]
		if name == "id" || value == "" || sameNames && t.shownAttrs[i] == name && t.shownAttrs[i+1] == value {
			continue
		}
		el.Call("setAttribute", name, value)
	}
	switch {
	case t.inner == t.shownInner:
	case sameShape(t.segs, t.shownSegs):
		// Only what changed is parsed, styled and laid out again.
		for i, seg := range t.segs {
			if seg.html == t.shownSegs[i].html {
				continue
			}
			child := el
			for _, k := range seg.path {
				child = child.Get("children").Index(k)
			}
			child.Set("outerHTML", seg.html)
		}
	default:
		restore := keepFocus(el)
		el.Set("innerHTML", t.inner)
		restore()
	}
	t.shownAttrs, t.shownInner, t.shownSegs = t.attrs, t.inner, t.segs
}

// keepFocus notes the textarea inside el that has the focus, if one has
// it, and returns what gives the focus and the selection back to its
// successor once el's children are written again.
func keepFocus(el app.Value) func() {
	active := app.Window().Get("document").Get("activeElement")
	if !active.Truthy() || !el.Call("contains", active).Bool() || active.Get("tagName").String() != "TEXTAREA" {
		return func() {}
	}
	id, start, end := active.Get("id").String(), active.Get("selectionStart"), active.Get("selectionEnd")
	return func() {
		if next := app.Window().GetElementByID(id); next.Truthy() {
			next.Call("focus")
			next.Call("setSelectionRange", start, end)
		}
	}
}

// sameShape reports whether two lists of pieces lie at the same paths.
func sameShape(a, b []seg) bool {
	return len(a) > 0 && slices.EqualFunc(a, b, func(x, y seg) bool { return slices.Equal(x.path, y.path) })
}

// forget records that the DOM shows nothing of the part: go-app has just
// mounted its element.
func (t *part) forget() { t.shownAttrs, t.shownInner, t.shownSegs = nil, "\x00", nil }

// paneID is the right-hand pane's element id.
const paneID = "decoded-pane"

// build makes the output from the page's state.
func (o *output) build(p *page) {
	o.verdict.id, o.pane.id, o.highlight.id = "verdict", paneID, highlightID
	v := p.verdictView()
	o.verdict.set(v.node(), nil)
	o.pane.set(p.paneNode())
	o.highlight.set(tokenHighlight(p.token), nil)
	o.editors = o.editors[:0]
	if p.in.Segments == 3 {
		h, pl := &p.te.header, &p.te.payload
		o.editors = append(o.editors, editorText{"header-json", h.text, h.err != ""}, editorText{"payload-json", pl.text, pl.err != ""})
	}
}

// paint writes every part whose element is there.
func (o *output) paint() {
	if !app.IsClient {
		return
	}
	o.verdict.paint()
	o.pane.paint()
	o.syncEditors()
	o.highlight.paint()
}

// syncEditors sets the value of each textarea of the pane that does not
// show its text (after the token changed, not after typing in it), and
// its aria-invalid.
func (o *output) syncEditors() {
	for _, e := range o.editors {
		el := app.Window().GetElementByID(e.id)
		if !el.Truthy() {
			continue
		}
		if el.Get("value").String() != e.text {
			el.Set("value", e.text)
		}
		switch shown := el.Call("getAttribute", "aria-invalid").Truthy(); {
		case e.invalid && !shown:
			el.Call("setAttribute", "aria-invalid", "true")
		case !e.invalid && shown:
			el.Call("removeAttribute", "aria-invalid")
		}
	}
}

// rendered is called as go-app renders the page: what paint has not
// written yet is written now.
func (o *output) rendered() { o.paint() }

// mounted is called once go-app has mounted the page, and with it the
// verdict's, the pane's and the highlight's bare elements.
func (o *output) mounted() {
	o.verdict.forget()
	o.pane.forget()
	o.highlight.forget()
	o.paint()
}

// verdictView is the verdict as shown.
func (p *page) verdictView() *verdictView {
	if strings.TrimSpace(p.token) == "" {
		return &verdictView{State: jot.StateUnverified, Reason: "Paste a token, or load an example."}
	}
	return &verdictView{State: p.verdict.State, Reason: p.verdict.Reason, Hint: p.verdict.Hint, Findings: p.discoveryFindings()}
}
