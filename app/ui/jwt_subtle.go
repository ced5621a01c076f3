package ui

import (
	"crypto/ecdsa"
	"sync"

	"github.com/golang-jwt/jwt/v5"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// jwtSubtleECDSA verifies ES256, ES384 and ES512 (RFC 7518 §3.4) with the
// browser's crypto.subtle, whose native P-521 takes about a millisecond
// where pure Go compiled to wasm takes tens. jot still does every strict
// check (alg pinned to the key's curve, strict base64url, claims) before
// it is called. Signing, and anything WebCrypto refuses, falls back to the
// Go implementation.
//
// Verify waits for a promise, so it may only run on go-app's dispatch
// goroutine (event handlers, Dispatch, Defer, After), never inside a
// JavaScript callback.
type jwtSubtleECDSA struct {
	alg, curve, hash string
	fallback         jwt.SigningMethod

	mu   sync.Mutex
	keys map[*ecdsa.PublicKey]app.Value // imported keys, by the parsed key
}

// jwtUseSubtle swaps the ECDSA algs for their WebCrypto versions, once,
// when the page runs in a browser that has crypto.subtle.
var jwtUseSubtle = sync.OnceFunc(func() {
	if !app.IsClient || !app.Window().Get("crypto").Get("subtle").Truthy() {
		return
	}
	for _, m := range []*jwtSubtleECDSA{
		{alg: "ES256", curve: "P-256", hash: "SHA-256", fallback: jwt.SigningMethodES256},
		{alg: "ES384", curve: "P-384", hash: "SHA-384", fallback: jwt.SigningMethodES384},
		{alg: "ES512", curve: "P-521", hash: "SHA-512", fallback: jwt.SigningMethodES512},
	} {
		jot.UseMethod(m.alg, m)
	}
})

func (m *jwtSubtleECDSA) Alg() string { return m.alg }

// Sign uses the Go implementation.
func (m *jwtSubtleECDSA) Sign(signingString string, key any) ([]byte, error) {
	return m.fallback.Sign(signingString, key)
}

// Verify checks the R||S signature, which JWS and WebCrypto write alike.
func (m *jwtSubtleECDSA) Verify(signingString string, sig []byte, key any) error {
	pub, ok := key.(*ecdsa.PublicKey)
	if !ok || pub.Curve.Params().Name != m.curve {
		return m.fallback.Verify(signingString, sig, key)
	}
	ck, err := m.cryptoKey(pub)
	if err != nil {
		return m.fallback.Verify(signingString, sig, key)
	}
	params := map[string]any{"name": "ECDSA", "hash": m.hash}
	valid, err := awaitPromise(app.Window().Get("crypto").Get("subtle").Call("verify", params, ck, jwtBytes(sig), jwtBytes([]byte(signingString))))
	if err != nil {
		return m.fallback.Verify(signingString, sig, key)
	}
	if !valid.Bool() {
		return jwt.ErrSignatureInvalid
	}
	return nil
}

// cryptoKey imports a public key once. The page keeps its parsed keys
// while their text is unchanged, so the pointer is a stable cache key.
func (m *jwtSubtleECDSA) cryptoKey(pub *ecdsa.PublicKey) (app.Value, error) {
	m.mu.Lock()
	ck, ok := m.keys[pub]
	m.mu.Unlock()
	if ok {
		return ck, nil
	}
	j, err := keys.PublicJWK(pub)
	if err != nil {
		return nil, err
	}
	jwk := map[string]any{"kty": "EC", "crv": j.Crv, "x": j.X, "y": j.Y}
	params := map[string]any{"name": "ECDSA", "namedCurve": m.curve}
	ck, err = awaitPromise(app.Window().Get("crypto").Get("subtle").Call("importKey", "jwk", jwk, params, false, []any{"verify"}))
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if m.keys == nil || len(m.keys) > 64 {
		m.keys = map[*ecdsa.PublicKey]app.Value{}
	}
	m.keys[pub] = ck
	m.mu.Unlock()
	return ck, nil
}

// jwtBytes copies b into a new Uint8Array.
func jwtBytes(b []byte) app.Value {
	a := app.Window().Get("Uint8Array").New(len(b))
	app.CopyBytesToJS(a, b)
	return a
}
