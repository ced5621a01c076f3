//go:build js && wasm

// Package webcrypto reaches the runtime's WebCrypto (W3C Web Cryptography
// API) from the worker's Go, through the worker's glue (worker/glue).
package webcrypto

import (
	"context"
	"encoding/binary"

	"github.com/authlab/authlab/worker/glue"
)

// PBKDF2 derives keyLen bytes with PBKDF2-HMAC-SHA256 (RFC 8018 §5.2)
// through crypto.subtle.deriveBits, which the glue calls. It has the
// signature of password.DeriveFunc.
func PBKDF2(ctx context.Context, password, salt []byte, iterations, keyLen int) ([]byte, error) {
	p := make([]byte, 12, 12+len(salt)+len(password))
	binary.LittleEndian.PutUint32(p, uint32(iterations))
	binary.LittleEndian.PutUint32(p[4:], uint32(keyLen))
	binary.LittleEndian.PutUint32(p[8:], uint32(len(salt)))
	p = append(append(p, salt...), password...)
	return glue.Call(ctx, glue.OpPBKDF2, p)
}
