package jot

import (
	"fmt"

	"github.com/golang-jwt/jwt/v5"
)

// UseMethod replaces the implementation behind an alg, for example with one
// backed by the platform's WebCrypto in a js/wasm build. m must implement
// the same JWA algorithm (RFC 7518 §3); the key-type pinning of CheckKey
// still applies before m is called. Call it during start-up, before any
// concurrent use.
func UseMethod(alg string, m jwt.SigningMethod) error {
	a, ok := algorithms[alg]
	if !ok || m.Alg() != alg {
		return fmt.Errorf("%w: cannot replace %q with %q", ErrAlgUnsupported, alg, m.Alg())
	}
	a.method = m
	return nil
}
