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
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "rejected"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: fmt.Errorf("%w: %s", ErrWebCrypto, msg)}
		return nil
	})
	defer onOK.Release()
	defer onErr.Release()
	promise.Call("then", onOK, onErr)
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return js.Value{}, ctx.Err()
	}
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
