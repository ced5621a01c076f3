package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// sessionPage is the cookie session workbench.
type sessionPage struct{ app.Compo }

func (p *sessionPage) Render() app.UI {
	return shell("/session",
		&pageHeading{Title: "Cookie sessions", Lead: "Log in once; the server sets a cookie and the browser sends it back with every request. The cookie's attributes decide who can read it, where it goes and how long it lives. Try it, read the attributes, and watch a cross-site request bounce."},
		&sessionTool{},
		app.Section().Class("pane").Aria("labelledby", "session-compare-title").Body(
			app.H2().ID("session-compare-title").Text("Sessions or tokens?"),
			sessionComparison(),
		),
		app.P().Body(app.A().Href(href("/learn/sessions")).Text("Read the lesson on sessions, with its common mistakes")),
	)
}
