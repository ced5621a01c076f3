// Package input reads form controls for the pages' event handlers.
package input

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Value reads the value of the input, textarea or select whose event is
// being handled.
func Value(ctx app.Context) string { return ctx.JSSrc().Get("value").String() }
