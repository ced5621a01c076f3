//go:build js && wasm

package jwtbench

import (
	"context"
	"encoding/pem"
	"errors"
	"sync"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/websubtle"
)

// useSubtle swaps the ECDSA algs (RFC 7518 §3.4) for their WebCrypto
// versions, once, when the browser has crypto.subtle: its native P-521
// takes about a millisecond where pure Go compiled to wasm takes tens. jot
// still does every strict check (alg pinned to the key's curve, strict
// base64url, claims) before the signature is checked.
//
// A verification waits for a promise, so it may only run on go-app's
// dispatch goroutine (event handlers, Dispatch, Defer, After), never inside
// a JavaScript callback.
var useSubtle = sync.OnceFunc(func() {
	if !websubtle.Available() {
		return
	}
	for _, alg := range []string{"ES256", "ES384", "ES512"} {
		web, err := websubtle.New(alg)
		if err != nil {
			continue
		}
		jot.UseMethod(alg, &subtle{web: web, fallback: jwt.GetSigningMethod(alg)})
	}
})

// subtle verifies with crypto.subtle and signs with the Go
// implementation; whatever WebCrypto cannot check, such as a key it
// refuses to import, falls back to Go too, so the page's verdict never
// depends on the browser.
type subtle struct {
	web      *websubtle.ECDSA
	fallback jwt.SigningMethod
}

func (m *subtle) Alg() string { return m.web.Alg() }

// Sign uses the Go implementation.
func (m *subtle) Sign(signingString string, key any) ([]byte, error) {
	return m.fallback.Sign(signingString, key)
}

// Verify checks the signature with crypto.subtle; an answer other than
// valid or invalid is checked again in Go.
func (m *subtle) Verify(signingString string, sig []byte, key any) error {
	err := m.web.Verify(signingString, sig, key)
	if err == nil || errors.Is(err, jwt.ErrSignatureInvalid) {
		return err
	}
	return m.fallback.Verify(signingString, sig, key)
}

// hasSubtle reports whether the browser offers crypto.subtle.
func hasSubtle() bool { return websubtle.Available() }

// subtleRSA generates an RSA key with crypto.subtle and reads it back
// through its PKCS #8 export. It blocks: run it in ctx.Async.
func subtleRSA(bits int) (*keys.Key, error) {
	der, err := websubtle.GenerateRSA(context.Background(), bits)
	if err != nil {
		return nil, err
	}
	return keys.ParsePEM(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}
