package ui

import (
	"context"
	"time"

	"github.com/authlab/authlab/app/webio"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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
		if err := webio.Copy(context.Background(), text); err != nil {
			status = "Copy failed: select the text and copy it by hand"
		}
		ctx.Dispatch(func(ctx app.Context) {
			c.status = status
			ctx.After(3*time.Second, func(ctx app.Context) { c.status = "" })
		})
	})
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
