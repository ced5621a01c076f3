package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// basicPage is the HTTP Basic workbench.
type basicPage struct{ app.Compo }

func (p *basicPage) Render() app.UI {
	return shell("/basic",
		&pageHeading{Title: "HTTP Basic", Lead: "Type a user-id and a password to get the Authorization header, or paste a header, a curl command or a URL to read the credentials back. Both directions follow RFC 7617 and update as you type; nothing is sent until you press Send."},
		&basicTool{},
		app.P().Body(app.A().Href(href("/learn/basic")).Text("Read the lesson on Basic, with its common mistakes")),
	)
}
