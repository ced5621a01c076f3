package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// inputValue reads the value of the input, textarea or select whose event
// is being handled.
func inputValue(ctx app.Context) string { return ctx.JSSrc().Get("value").String() }
