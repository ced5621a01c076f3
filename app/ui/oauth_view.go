package ui

import (
	"github.com/authlab/authlab/app/ui/input"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// oauthStep is one panel of the walkthrough.
func oauthStep(n, title string, body ...app.UI) app.UI {
	return app.Section().ID("step-" + n).Class("pane oauth-step").Body(
		append([]app.UI{app.H3().Body(app.Span().Class("step-number").Text(n), app.Text(" "+title))}, body...)...,
	)
}

// oauthValue is a labelled value, shown in full and selectable.
func oauthValue(id, label, value string) app.UI {
	return app.Div().Class("kv").Body(
		app.Span().Class("kv-label").Text(label),
		app.Code().ID(id).Class("kv-value").Text(value),
	)
}

// oauthButton is a step's action; it is disabled while a request is in
// flight or until the steps before it are done.
func oauthButton(id, label string, enabled, busy bool, h app.EventHandler) app.UI {
	if busy {
		label = "Sending…"
	}
	return input.DisabledIf(app.Button().ID(id).Text(label), !enabled || busy).OnClick(h)
}

// oauthCheck is one verdict in a list of checks.
func oauthCheck(id string, ok bool, text string) app.UI {
	mark, class := "✗ ", "check bad"
	if ok {
		mark, class = "✓ ", "check ok"
	}
	return app.Li().ID(id).Class(class).DataSet("ok", ok).Text(mark + text)
}

// oauthNote is an explanatory paragraph.
func oauthNote(text string) app.UI { return app.P().Class("hint").Text(text) }

// oauthWaiting marks a step that needs an earlier one.
func oauthWaiting(text string) app.UI { return app.P().Class("hint waiting").Text(text) }

// oauthShort shortens a long secret for a summary line; the full value is
// in the response shown next to it.
func oauthShort(s string) string {
	if len(s) <= 24 {
		return s
	}
	return s[:10] + "…" + s[len(s)-10:]
}
