package ui

import (
	"github.com/authlab/authlab/app/webio"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// themeKey is the localStorage entry holding an explicit theme choice. It
// holds "light" or "dark" and nothing else; web/loader.js applies it before
// the first paint.
const themeKey = "authlab-theme"

// themeToggle switches between the light and the dark theme. Without a
// choice, the page follows prefers-color-scheme.
type themeToggle struct {
	app.Compo
	theme string
}

// OnInit reads the theme in effect before the live page's first render,
// so that mounting it needs no second render of the page.
func (t *themeToggle) OnInit() {
	if app.IsClient {
		t.theme = currentTheme()
	}
}

// currentTheme returns the theme in effect: the explicit choice on <html
// data-theme>, or the system's preference.
func currentTheme() string {
	root := app.Window().Get("document").Get("documentElement")
	if v := root.Get("dataset").Get("theme"); v.Truthy() {
		return v.String()
	}
	if app.Window().Call("matchMedia", "(prefers-color-scheme: light)").Get("matches").Bool() {
		return "light"
	}
	return "dark"
}

func (t *themeToggle) onClick(ctx app.Context, e app.Event) {
	next := "light"
	if currentTheme() == "light" {
		next = "dark"
	}
	app.Window().Get("document").Get("documentElement").Get("dataset").Set("theme", next)
	_ = webio.Local.Set(themeKey, next) // storage can be disabled; the choice then lasts for the page
	t.theme = next
}

func (t *themeToggle) Render() app.UI {
	label := "Switch theme"
	switch t.theme {
	case "dark":
		label = "Light theme"
	case "light":
		label = "Dark theme"
	}
	return app.Button().ID("theme-toggle").Class("theme-toggle secondary").Type("button").
		Aria("label", label).Title(label).Text(label).OnClick(t.onClick)
}
