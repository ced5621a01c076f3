//go:build js && wasm

package webio

import (
	"context"
	"syscall/js"
)

// Copy writes text with the asynchronous Clipboard API (W3C Clipboard API
// and events §6), which needs a secure context: https, or http on
// localhost. It blocks until the browser has written it or refused.
func Copy(ctx context.Context, text string) error {
	cb := js.Global().Get("navigator").Get("clipboard")
	if !cb.Truthy() {
		return ErrNoClipboard
	}
	_, err := Await(ctx, cb.Call("writeText", text))
	return err
}
