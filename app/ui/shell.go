package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// shell lays out a page: the header with the navigation, then the content.
func shell(current string, content ...app.UI) app.UI {
	return app.Div().Class("shell").Body(
		app.Header().Class("top").Body(
			app.A().Class("brand").Href("/").Text("Authlab"),
			app.Nav().Class("nav").Aria("label", "Sections").Body(
				app.Range(sections).Slice(func(i int) app.UI {
					s := sections[i]
					a := app.A().Href(s.Path).Text(s.Label)
					if s.Path == current {
						a = a.Class("active").Aria("current", "page")
					}
					return a
				}),
			),
		),
		app.Main().Class("content").Body(content...),
		app.Footer().Class("foot").Body(
			app.Text("Everything on this page runs in your browser. Tokens and keys stay in memory and are never sent anywhere."),
		),
	)
}
