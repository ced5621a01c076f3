//go:build js && wasm

package webio

import (
	"context"
	"syscall/js"
)

// Painted blocks until the page is on screen, as web/loader.js's
// authlabPainted says: the browser has presented the page's first
// contentful paint (Paint Timing, W3C). It returns in a JavaScript task
// of its own, after the one the caller ran in, so the browser can render
// and handle input in between. Without web/loader.js it returns at once.
func Painted(ctx context.Context) error {
	f := js.Global().Get("authlabPainted")
	if f.Type() != js.TypeFunction {
		return nil
	}
	_, err := Await(ctx, f.Invoke())
	return err
}
