package jwtbench

import (
	"html"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// jnode is a piece of the workbench's decoded output, built once per edit
// and shown two ways: as HTML text, which the page writes into the DOM in
// one call as soon as a keystroke is decoded (see output), and as
// go-app elements, which the output's components render. Both come from
// the same tree, so both show the same thing.
type jnode struct {
	tag   string   // element name; "" for text, jRaw for trusted markup
	text  string   // the text, or the markup
	attrs []string // name, value pairs, in order
	kids  []jnode
}

// jRaw marks a node whose text is markup: written by jnode.html, which
// escapes all text, or by the workbench itself (the timeline's SVG).
const jRaw = "#raw"

// jel is an element with attributes given as name, value pairs.
func jel(tag string, attrs ...string) jnode { return jnode{tag: tag, attrs: attrs} }

// jtext is a text node.
func jtext(s string) jnode { return jnode{text: s} }

// body returns n with the given children, skipping the zero node.
func (n jnode) body(kids ...jnode) jnode {
	n.kids = make([]jnode, 0, len(kids))
	for _, k := range kids {
		if k.tag != "" || k.text != "" {
			n.kids = append(n.kids, k)
		}
	}
	return n
}

// with returns n with one text child, as go-app's Text does.
func (n jnode) with(text string) jnode {
	n.kids = []jnode{{text: text}}
	return n
}

// html returns n as HTML text. Like go-app, it leaves out attributes whose
// value is empty.
func (n *jnode) html() string {
	var b strings.Builder
	b.Grow(n.size())
	n.write(&b)
	return b.String()
}

// size is about the length of n's HTML text, so that it is written
// without growing its buffer more than once or twice.
func (n *jnode) size() int {
	if n.tag == "" || n.tag == jRaw {
		return len(n.text) + len(n.text)/8
	}
	s := 2*len(n.tag) + 5
	for _, a := range n.attrs {
		s += len(a) + 2
	}
	for i := range n.kids {
		s += n.kids[i].size()
	}
	return s
}

func (n *jnode) write(b *strings.Builder) {
	switch n.tag {
	case "":
		b.WriteString(html.EscapeString(n.text))
		return
	case jRaw:
		b.WriteString(n.text)
		return
	}
	b.WriteByte('<')
	b.WriteString(n.tag)
	for i := 0; i+1 < len(n.attrs); i += 2 {
		if n.attrs[i+1] == "" {
			continue
		}
		b.WriteByte(' ')
		b.WriteString(n.attrs[i])
		b.WriteString(`="`)
		b.WriteString(html.EscapeString(n.attrs[i+1]))
		b.WriteByte('"')
	}
	b.WriteByte('>')
	n.writeKids(b)
	b.WriteString("</")
	b.WriteString(n.tag)
	b.WriteByte('>')
}

func (n *jnode) writeKids(b *strings.Builder) {
	for i := range n.kids {
		n.kids[i].write(b)
	}
}

// inner returns the HTML text of n's children.
func (n *jnode) inner() string {
	var b strings.Builder
	b.Grow(n.size())
	n.writeKids(&b)
	return b.String()
}

// jelem is what every go-app element type offers for building.
type jelem[T any] interface {
	app.UI
	Attr(name string, v any) T
	Body(elems ...app.UI) T
}

func jbuild[T jelem[T]](e T, n *jnode) app.UI {
	for i := 0; i+1 < len(n.attrs); i += 2 {
		e = e.Attr(n.attrs[i], n.attrs[i+1])
	}
	if len(n.kids) > 0 {
		kids := make([]app.UI, len(n.kids))
		for i := range n.kids {
			kids[i] = n.kids[i].ui()
		}
		e = e.Body(kids...)
	}
	return e
}

// ui returns n as go-app elements.
func (n *jnode) ui() app.UI {
	switch n.tag {
	case "":
		return app.Text(n.text)
	case jRaw:
		return app.Raw(n.text)
	case "div":
		return jbuild(app.Div(), n)
	case "section":
		return jbuild(app.Section(), n)
	case "p":
		return jbuild(app.P(), n)
	case "pre":
		return jbuild(app.Pre(), n)
	case "span":
		return jbuild(app.Span(), n)
	case "strong":
		return jbuild(app.Strong(), n)
	case "small":
		return jbuild(app.Small(), n)
	case "code":
		return jbuild(app.Code(), n)
	case "h2":
		return jbuild(app.H2(), n)
	case "ul":
		return jbuild(app.Ul(), n)
	case "li":
		return jbuild(app.Li(), n)
	case "table":
		return jbuild(app.Table(), n)
	case "thead":
		return jbuild(app.THead(), n)
	case "tbody":
		return jbuild(app.TBody(), n)
	case "tr":
		return jbuild(app.Tr(), n)
	case "th":
		return jbuild(app.Th(), n)
	case "td":
		return jbuild(app.Td(), n)
	case "figure":
		return jbuild(app.Figure(), n)
	case "figcaption":
		return jbuild(app.FigCaption(), n)
	}
	return jbuild(app.Elem(n.tag), n)
}
