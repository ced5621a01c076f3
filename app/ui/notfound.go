package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// notFoundPage is shown for any path that is not a page. The static site
// has it as 404.html, which static hosts serve for unknown paths.
type notFoundPage struct {
	app.Compo
	path string
}

func (p *notFoundPage) OnNav(ctx app.Context) { p.path = ctx.Page().URL().Path }

func (p *notFoundPage) Render() app.UI {
	return shell("",
		&pageHeading{Title: "Page not found", Lead: "There is no page at this address."},
		app.If(p.path != "", func() app.UI {
			return app.P().Body(app.Text("Path: "), app.Code().ID("missing-path").Text(p.path))
		}),
		app.P().Body(app.A().Href(href("/")).Text("Go to the start page"), app.Text(" or pick a section above.")),
	)
}
