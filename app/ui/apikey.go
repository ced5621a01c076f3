package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// apikeyPage is the API key workbench.
type apikeyPage struct{ app.Compo }

func (p *apikeyPage) Render() app.UI {
	return shell("/apikey",
		&pageHeading{Title: "API keys", Lead: "An API key names a client, not a person: a long random secret, sent with every request, that the server looks up by its prefix and checks against a stored hash. Create one, send it, watch its quota run out, and revoke it."},
		&apikeyTool{},
		app.P().Body(app.A().Href(href("/learn/api-keys")).Text("Read the lesson on API keys, with its common mistakes")),
	)
}
