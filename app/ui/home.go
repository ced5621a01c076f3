package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type homePage struct{ app.Compo }

func (p *homePage) Render() app.UI {
	return shell("/",
		&pageHeading{Title: "Authlab", Lead: "A workbench for HTTP credentials: JWTs, Basic, API keys, Bearer tokens, OAuth 2.0 and sessions. The tools run in your browser; the demo server runs at the edge."},
		app.Ul().Class("cards").Body(
			app.Range(sections).Slice(func(i int) app.UI {
				s := sections[i]
				return app.Li().Body(app.A().Href(href(s.Path)).Body(
					app.Strong().Text(s.Label), app.Span().Text(s.Summary),
				))
			}),
		),
	)
}
