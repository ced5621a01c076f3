package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// jwtPeek decodes a token's header and payload, unverified, as the lesson
// on JWTs needs; the JWT page does the rest.
type jwtPeek struct {
	app.Compo
	token string
}

func (p *jwtPeek) OnInit() {
	p.token = account.Access
	if p.token == "" {
		p.token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTUxNjIzOTAyMn0.Q2zjO2Uk8Y3MhMqxUGJOJ6gNAmCnz7ftHy-kmq5NKuQ"
	}
}

func (p *jwtPeek) Render() app.UI {
	in := jot.Inspect(p.token)
	return app.Div().Class("tool jwt-peek").Body(
		app.Label().For("peek-token").Text("A token"),
		app.Textarea().ID("peek-token").Class("token-input short").Spellcheck(false).Text(p.token).
			OnInput(func(ctx app.Context, e app.Event) { p.token = inputValue(ctx) }),
		app.If(in.Err() != nil, func() app.UI {
			return app.P().Class("problems").Role("alert").Text(in.Err().Error())
		}),
		app.Div().Class("workbench").Body(
			app.Div().Body(app.H3().Text("Header"), app.Pre().ID("peek-header").Class("json seg-header").Text(string(in.HeaderJSON))),
			app.Div().Body(app.H3().Text("Payload"), app.Pre().ID("peek-payload").Class("json seg-payload").Text(string(in.PayloadJSON))),
		),
		app.P().Class("badge unverified").Text("Unverified: anyone can write these two parts. Only the signature, checked with the issuer's key, makes them true."),
		app.P().Body(app.A().Href(href("/jwt")).Text("Verify, sign and lint it on the JWT page")),
	)
}
