package widget

import (
	"context"
	"time"

	"github.com/authlab/authlab/app/webio"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CopyButton copies Text, or what Source returns when it is set, to the
// clipboard, and says so in a live region. Source reads the text at the
// click, for a page that updates what it shows without rendering again.
type CopyButton struct {
	app.Compo
	ID, Text, Label string
	Source          func() string
	status          string
}

func (c *CopyButton) onClick(ctx app.Context, e app.Event) {
	text := c.Text
	if c.Source != nil {
		text = c.Source()
	}
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

// Render shows the button and its status.
func (c *CopyButton) Render() app.UI {
	label := c.Label
	if label == "" {
		label = "Copy"
	}
	return app.Span().Class("copy").Body(
		app.Button().ID(c.ID).Class("secondary small").Type("button").Text(label).OnClick(c.onClick),
		app.Span().Class("copy-status").Aria("live", "polite").Text(c.status),
	)
}
