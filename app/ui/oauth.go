package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// oauthPage is the OAuth 2.0 page, at /oauth and at /oauth/callback, the
// redirect URI of the pages' client: a walkthrough of the authorization
// code flow with PKCE, the client credentials flow, a lab that breaks
// each rule, and presets for real providers.
type oauthPage struct{ app.Compo }

func (p *oauthPage) Render() app.UI {
	return shell("/oauth",
		app.Link().Rel("stylesheet").Href("/web/oauth.css"),
		&pageHeading{Title: "OAuth 2.0", Lead: "Run the authorization code flow with PKCE against a real, strict authorization server, one request at a time; then the client credentials flow; then break each rule and watch it hold."},
		app.Nav().Class("toc").Aria("label", "On this page").Body(
			app.A().Href("#walkthrough").Text("Authorization code + PKCE"),
			app.A().Href("#client-credentials").Text("Client credentials"),
			app.A().Href("#lab").Text("Break it"),
			app.A().Href("#presets").Text("GitHub, Google, Spotify"),
		),
		app.P().Class("hint").Text("Requests go only to the demo server, and only when you click. Tokens stay in this page's memory: never in localStorage or cookies. Only the PKCE verifier and the state wait in sessionStorage during the redirect, and the callback page removes them."),
		&oauthWalk{},
		&oauthCC{},
		&oauthLab{},
		&oauthPresets{},
	)
}
