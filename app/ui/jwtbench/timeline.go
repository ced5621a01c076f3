package jwtbench

import (
	"html"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// timelineView draws iat, nbf and exp against now as an SVG line, with the
// valid stretch and the clock-skew allowance shaded. SVG attributes place
// the marks, since the page's CSP allows no inline styles.
type timelineView struct {
	app.Compo
	Timeline *jot.Timeline
}

// Render shows the timeline, or a note when the token has no times.
func (v *timelineView) Render() app.UI {
	n := v.node()
	return n.ui()
}

func (v *timelineView) node() jnode {
	tl := v.Timeline
	if tl == nil || tl.State == "no times" {
		return jel("p", "id", "timeline", "class", "hint", "data-state", "no times").
			with("No iat, nbf or exp: the token carries no times.")
	}
	return jel("figure", "id", "timeline", "class", "timeline "+strings.ReplaceAll(tl.State, " ", "-"), "data-state", tl.State).body(
		jnode{tag: jRaw, text: timelineSVG(tl)},
		jel("figcaption").body(
			jel("strong").with("Now the token is "+tl.State+"."),
			jel("span", "class", "muted").with(" Shaded: when it is accepted; hatched: the clock-skew allowance."),
		),
	)
}

// timelineSVG writes the timeline. Only fixed names and numbers go into
// it, never token text.
func timelineSVG(tl *jot.Timeline) string {
	const w = 1000.0
	x := func(p float64) string { return strconv.FormatFloat(p*w, 'f', 1, 64) }
	var b strings.Builder
	b.WriteString(`<svg class="tl" viewBox="0 0 1000 80" role="img" aria-label="timeline" xmlns="http://www.w3.org/2000/svg">`)
	b.WriteString(`<line class="tl-axis" x1="0" y1="40" x2="1000" y2="40"/>`)
	b.WriteString(`<rect class="tl-valid" x="` + x(tl.Valid.From) + `" y="30" width="` + x(tl.Valid.To-tl.Valid.From) + `" height="20"/>`)
	for _, s := range tl.Skew {
		b.WriteString(`<rect class="tl-skew" x="` + x(s.From) + `" y="30" width="` + x(s.To-s.From) + `" height="20"/>`)
	}
	for i, p := range tl.Points {
		y := "16"
		if i%2 == 1 {
			y = "76"
		}
		anchor := "middle"
		switch {
		case p.Pos < 0.05:
			anchor = "start"
		case p.Pos > 0.95:
			anchor = "end"
		}
		title := p.Name
		if p.Text != "" {
			title += ": " + p.Text
		}
		b.WriteString(`<g class="tl-point tl-` + html.EscapeString(p.Name) + `"><title>` + html.EscapeString(title) + `</title><line x1="` + x(p.Pos) + `" y1="24" x2="` + x(p.Pos) + `" y2="56"/>`)
		b.WriteString(`<text x="` + x(p.Pos) + `" y="` + y + `" text-anchor="` + anchor + `">` + html.EscapeString(p.Name) + `</text></g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}
