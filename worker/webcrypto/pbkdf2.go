//go:build js && wasm

// Package webcrypto reaches the runtime's WebCrypto (W3C Web Cryptography
// API) from Go compiled to js/wasm.
package webcrypto

import (
	"context"
	"encoding/binary"

	"github.com/authlab/authlab/app/websubtle"
	"github.com/authlab/authlab/worker/glue"
)

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
	subtle := websubtle.Subtle()
	key, err := websubtle.Await(ctx, subtle.Call("importKey", "raw", websubtle.Bytes(password), "PBKDF2", false, []any{"deriveBits"}))
	if err != nil {
		return nil, err
	}
	params := map[string]any{"name": "PBKDF2", "hash": "SHA-256", "salt": websubtle.Bytes(salt), "iterations": iterations}
	bits, err := websubtle.Await(ctx, subtle.Call("deriveBits", params, key, keyLen*8))
	if err != nil {
		return nil, err
	}
	return websubtle.GoBytes(bits), nil
}
