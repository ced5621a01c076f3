package jwtbench

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/discovery"
	"github.com/authlab/authlab/app/jwtcheck"
)

// verdictView shows the outcome of checking the token: #verdict carries
// data-state valid, invalid, unverified, malformed or weak-key, a headline and the
// reason in words.
type verdictView struct {
	app.Compo
	State  string // one of the jot.State constants
	Reason string
	Hint   string
	// Findings are what discovery found wrong with the issuer's metadata
	// or keys, such as an issuer that is not the token's iss.
	Findings []discovery.Finding
}

// Render shows the verdict.
func (v *verdictView) Render() app.UI {
	n := v.node()
	return n.ui()
}

func (v *verdictView) node() jnode {
	var hint jnode
	if v.Hint != "" {
		hint = jel("p", "id", "verdict-hint", "class", "verdict-hint").with(v.Hint)
	}
	var findings jnode
	if len(v.Findings) > 0 {
		findings = jel("ul", "id", "verdict-findings", "class", "verdict-findings")
		for _, f := range v.Findings {
			findings.kids = append(findings.kids, jel("li", "data-kind", string(f.Kind)).with(f.Text))
		}
	}
	return jel("div", "id", "verdict", "class", "verdict "+v.State, "data-state", v.State, "aria-live", "polite").body(
		jel("strong", "class", "verdict-title").with(jwtcheck.Title(v.State)),
		jel("p", "class", "verdict-reason").with(v.Reason),
		hint,
		findings,
	)
}
