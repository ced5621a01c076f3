package jwtbench

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// lintView lists the lint findings (RFC 8725), most serious first: each
// item of #lint carries data-rule and data-severity.
type lintView struct {
	app.Compo
	Findings []jot.Finding
	Decoded  bool // whether there was a token to lint
	// Broken says why a token that was given could not be linted.
	Broken string
}

// Render shows the findings.
func (v *lintView) Render() app.UI {
	n := v.node()
	return n.ui()
}

func (v *lintView) node() jnode {
	var note jnode
	switch {
	case !v.Decoded:
		note = jel("p", "class", "hint").with("Findings about the token's design appear here.")
	case v.Broken != "":
		note = jel("p", "id", "lint-none", "class", "hint").with("No lint: " + v.Broken)
	case len(v.Findings) == 0:
		note = jel("p", "id", "lint-clean", "class", "hint").with("No findings: nothing in this token goes against RFC 8725.")
	}
	items := make([]jnode, len(v.Findings))
	for i, f := range v.Findings {
		items[i] = jel("li", "class", "finding "+string(f.Severity), "data-rule", f.Rule, "data-severity", string(f.Severity)).body(
			jel("span", "class", "sev").with(string(f.Severity)),
			jel("strong").with(f.Message),
			jel("p").with(f.Explain),
			jel("small").body(jel("code").with(f.Rule), jtext(" · "+f.Ref)),
		)
	}
	list := jel("ul", "id", "lint", "class", "findings")
	list.kids = items
	return jel("section", "class", "lint").body(
		jel("h2", "class", "seg-title").with("Lint (RFC 8725)"),
		note,
		list,
	)
}
