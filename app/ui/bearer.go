package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// bearerPage is the Bearer token workbench.
type bearerPage struct{ app.Compo }

func (p *bearerPage) Render() app.UI {
	return shell("/bearer-token",
		&pageHeading{Title: "Bearer tokens", Lead: "Whoever bears the token gets in: RFC 6750 sends it as Authorization: Bearer <token>, and answers every failure with a WWW-Authenticate challenge that says what went wrong. Send a good token, then each broken one, and read the answers."},
		&bearerTool{},
		app.P().Body(app.A().Href(href("/learn/bearer")).Text("Read the lesson on Bearer tokens, with its common mistakes")),
	)
}
