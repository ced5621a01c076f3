package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// JWTVerdict shows the outcome of checking the token: #verdict carries
// data-state valid, invalid, unverified or malformed, a headline and the
// reason in words.
type JWTVerdict struct {
	app.Compo
	State  string // one of the jot.State constants
	Reason string
	Hint   string
}

var jwtVerdictTitles = map[string]string{
	jot.StateValid:      "Signature verified",
	jot.StateInvalid:    "Invalid",
	jot.StateUnverified: "Not verified",
	jot.StateMalformed:  "Malformed",
}

// Render shows the verdict.
func (v *JWTVerdict) Render() app.UI {
	return app.Div().ID("verdict").Class("verdict "+v.State).DataSet("state", v.State).
		Aria("live", "polite").Body(
		app.Strong().Class("verdict-title").Text(jwtVerdictTitles[v.State]),
		app.P().Class("verdict-reason").Text(v.Reason),
		app.If(v.Hint != "", func() app.UI {
			return app.P().ID("verdict-hint").Class("verdict-hint").Text(v.Hint)
		}),
	)
}
