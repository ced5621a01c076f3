package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// shell lays out a page: a skip link, the header with the navigation and
// the theme switch, then the content.
func shell(current string, content ...app.UI) app.UI {
	return app.Div().Class("shell").Body(
		app.A().Class("skip").Href("#content").Text("Skip to content").OnClick(skipToContent),
		app.Header().Class("top").Body(
			app.A().Class("brand").Href(href("/")).Text("Authlab"),
			app.Nav().Class("nav").Aria("label", "Sections").Body(
				app.Range(sections).Slice(func(i int) app.UI {
					s := sections[i]
					a := app.A().Href(href(s.Path)).Text(s.Label)
					if current == s.Path || strings.HasPrefix(current, s.Path+"/") {
						a = a.Class("active").Aria("current", "page")
					}
					return a
				}),
			),
			&themeToggle{},
		),
		app.Main().ID("content").Class("content").TabIndex(-1).Body(content...),
		app.Footer().Class("foot").Body(
			app.Text("The tools run in your browser. Only a button that says so sends anything, and only to the demo server. Tokens and keys stay in this page's memory."),
		),
	)
}

// skipToContent moves the keyboard focus to the main content, which a
// fragment link alone does not do once the app handles the click.
func skipToContent(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if main := app.Window().GetElementByID("content"); main.Truthy() {
		main.Call("focus")
	}
}

// pageHeading is a page's title and lead paragraph. It also names the
// document, so that each page has its own title (WCAG 2.4.2), prerendered
// too.
type pageHeading struct {
	app.Compo
	Title, Lead string
}

func (h *pageHeading) OnPreRender(ctx app.Context) { h.setTitle(ctx) }

// OnMount names the document. Naming it changes nothing rendered, so the
// dispatch does not update the page: go-app marks every ancestor of a
// component whose lifecycle method it dispatches, and would otherwise
// render and compare the whole page again right after mounting it.
func (h *pageHeading) OnMount(ctx app.Context) {
	h.setTitle(ctx)
	ctx.PreventUpdate()
}

func (h *pageHeading) OnUpdate(ctx app.Context) { h.setTitle(ctx) }

func (h *pageHeading) setTitle(ctx app.Context) {
	if h.Title == "Authlab" { // the start page: the site's own name, then what it is
		ctx.Page().SetTitle("Authlab — a workbench for HTTP credentials")
		return
	}
	ctx.Page().SetTitle(h.Title + " — Authlab")
}

func (h *pageHeading) Render() app.UI {
	return app.Div().Class("heading").Body(
		app.H1().Text(h.Title),
		app.If(h.Lead != "", func() app.UI { return app.P().Class("lead").Text(h.Lead) }),
	)
}
