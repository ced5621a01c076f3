package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type homePage struct{ app.Compo }

func (p *homePage) Render() app.UI {
	return shell("/",
		app.H1().Text("Authlab"),
		app.P().Class("lead").Text("A workbench for HTTP credentials: JWTs, Basic, API keys, Bearer tokens, OAuth 2.0 and sessions. The tools run in your browser; the demo server runs at the edge."),
		app.Ul().Class("cards").Body(
			app.Range(sections).Slice(func(i int) app.UI {
				s := sections[i]
				return app.Li().Body(app.A().Href(s.Path).Body(
					app.Strong().Text(s.Label), app.Span().Text(s.Summary),
				))
			}),
		),
	)
}

// topicPage introduces a section whose workbench is not on this page.
type topicPage struct {
	app.Compo
	section section
}

func (p *topicPage) Render() app.UI {
	return shell(p.section.Path,
		app.H1().Text(p.section.Label),
		app.P().Class("lead").Text(p.section.Summary),
	)
}
