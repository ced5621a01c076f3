//go:build js && wasm

// Package webcrypto reaches the runtime's WebCrypto (W3C Web Cryptography
// API) from Go compiled to js/wasm.
package webcrypto

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/authlab/authlab/worker/glue"
)

// ErrWebCrypto wraps failures reported by crypto.subtle.
var ErrWebCrypto = errors.New("webcrypto")

// PBKDF2 derives keyLen bytes with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2)
// through crypto.subtle.deriveBits. It has the signature of
// password.DeriveFunc. Under the project's glue, the glue makes the calls.
func PBKDF2(ctx context.Context, password, salt []byte, iterations, keyLen int) ([]byte, error) {
	if glue.Available() {
		p := make([]byte, 12, 12+len(salt)+len(password))
		binary.LittleEndian.PutUint32(p, uint32(iterations))
		binary.LittleEndian.PutUint32(p[4:], uint32(keyLen))
		binary.LittleEndian.PutUint32(p[8:], uint32(len(salt)))
		p = append(append(p, salt...), password...)
		return glue.Call(ctx, glue.OpPBKDF2, p)
	}
	subtle := js.Global().Get("crypto").Get("subtle")
	key, err := await(ctx, subtle.Call("importKey", "raw", bytesToJS(password), "PBKDF2", false, []any{"deriveBits"}))
	if err != nil {
		return nil, err
	}
	params := map[string]any{"name": "PBKDF2", "hash": "SHA-256", "salt": bytesToJS(salt), "iterations": iterations}
	bits, err := await(ctx, subtle.Call("deriveBits", params, key, keyLen*8))
	if err != nil {
		return nil, err
	}
	return bytesFromJS(js.Global().Get("Uint8Array").New(bits)), nil
}

func bytesToJS(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

func bytesFromJS(a js.Value) []byte {
	b := make([]byte, a.Get("length").Int())
	js.CopyBytesToGo(b, a)
	return b
}

// await blocks the calling goroutine until promise settles. Other
// goroutines and the JS event loop run meanwhile.
func await(ctx context.Context, promise js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: fmt.Errorf("%w: %s", ErrWebCrypto, args[0].Call("toString").String())}
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
