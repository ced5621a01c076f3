//go:build js && wasm

// Package websubtle signs and verifies with the crypto.subtle of the
// JavaScript host (W3C Web Cryptography API) from Go compiled to js/wasm,
// the browser's for the pages; the worker's glue makes the worker's own
// calls, and the worker takes only JWK from here. Its calls wait for
// promises, so they may run on any goroutine but never inside a JavaScript
// callback.
package websubtle

import (
	"context"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/authlab/authlab/app/webio"
)

// ErrWebCrypto wraps failures reported by crypto.subtle.
var ErrWebCrypto = errors.New("webcrypto")

// Available reports whether the host offers crypto.subtle.
func Available() bool {
	c := js.Global().Get("crypto")
	return c.Truthy() && c.Get("subtle").Truthy()
}

// Subtle returns globalThis.crypto.subtle.
func Subtle() js.Value { return js.Global().Get("crypto").Get("subtle") }

// Await blocks the calling goroutine until promise settles. Other
// goroutines and the JavaScript event loop run meanwhile. A rejection is
// returned wrapped in ErrWebCrypto.
func Await(ctx context.Context, promise js.Value) (js.Value, error) {
	v, err := webio.Await(ctx, promise)
	var r *webio.Rejection
	if errors.As(err, &r) {
		return v, fmt.Errorf("%w: %s", ErrWebCrypto, r.Reason)
	}
	return v, err
}

// Bytes copies b into a new Uint8Array.
func Bytes(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// GoBytes copies an ArrayBuffer or a Uint8Array into Go.
func GoBytes(v js.Value) []byte {
	a := v
	if !v.InstanceOf(js.Global().Get("Uint8Array")) {
		a = js.Global().Get("Uint8Array").New(v)
	}
	b := make([]byte, a.Get("length").Int())
	js.CopyBytesToGo(b, a)
	return b
}
