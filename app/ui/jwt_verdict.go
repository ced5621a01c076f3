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

// paint writes the verdict into the DOM at once. go-app renders on its next
// frame tick, up to 8 ms after the event at its 120 Hz; the verdict is the
// answer to the keystroke, so it is painted now, into the nodes go-app
// made, and the next render writes the same values. When the shape differs
// (a hint appears or goes), paint leaves it to the render.
func (v *JWTVerdict) paint() {
	if !app.IsClient {
		return
	}
	el := app.Window().GetElementByID("verdict")
	if !el.Truthy() {
		return
	}
	hint := el.Call("querySelector", ".verdict-hint")
	if hint.Truthy() != (v.Hint != "") {
		return
	}
	el.Call("setAttribute", "class", "verdict "+v.State)
	el.Call("setAttribute", "data-state", v.State)
	for sel, text := range map[string]string{".verdict-title": jwtVerdictTitles[v.State], ".verdict-reason": v.Reason, ".verdict-hint": v.Hint} {
		if n := el.Call("querySelector", sel); n.Truthy() && n.Get("firstChild").Truthy() {
			n.Get("firstChild").Set("nodeValue", text)
		}
	}
}
