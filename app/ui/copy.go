package ui

import (
	"errors"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

var errNoClipboard = errors.New("this browser offers no clipboard to pages here")

// copyButton copies Text to the clipboard, and says so in a live region.
type copyButton struct {
	app.Compo
	ID, Text, Label string
	status          string
}

func (c *copyButton) onClick(ctx app.Context, e app.Event) {
	text := c.Text
	ctx.Async(func() {
		status := "Copied"
		if err := writeClipboard(text); err != nil {
			status = "Copy failed: select the text and copy it by hand"
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.status = status
			ctx.After(3*time.Second, func(ctx app.Context) { c.status = "" })
		})
	})
}

// writeClipboard writes text with the asynchronous Clipboard API, which
// needs a secure context: https, or http on localhost.
func writeClipboard(text string) error {
	cb := app.Window().Get("navigator").Get("clipboard")
	if !cb.Truthy() {
		return errNoClipboard
	}
	_, err := awaitPromise(cb.Call("writeText", text))
	return err
}

func (c *copyButton) Render() app.UI {
	label := c.Label
	if label == "" {
		label = "Copy"
	}
	return app.Span().Class("copy").Body(
		app.Button().ID(c.ID).Class("secondary small").Type("button").Text(label).OnClick(c.onClick),
		app.Span().Class("copy-status").Aria("live", "polite").Text(c.status),
	)
}
