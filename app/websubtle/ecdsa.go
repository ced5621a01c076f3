//go:build js && wasm

package websubtle

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/keys"
)

// ECDSA implements a JWS ECDSA algorithm (RFC 7518 §3.4) with
// crypto.subtle: ES256, ES384 or ES512, with signatures as the R||S that
// both JWS and WebCrypto write. Each key is imported once and its
// CryptoKey kept under the Go key's pointer, so callers keep their parsed
// keys. It is safe for concurrent use.
type ECDSA struct {
	alg, curve, hash string
	size             int // bytes per coordinate

	mu   sync.Mutex
	keys map[any]js.Value
}

var _ jwt.SigningMethod = (*ECDSA)(nil)

// maxKeys bounds the imported keys kept; past it the cache starts over.
const maxKeys = 64

// New returns the ECDSA method for alg: "ES256", "ES384" or "ES512".
func New(alg string) (*ECDSA, error) {
	m := &ECDSA{alg: alg}
	switch alg {
	case "ES256":
		m.curve, m.hash, m.size = "P-256", "SHA-256", 32
	case "ES384":
		m.curve, m.hash, m.size = "P-384", "SHA-384", 48
	case "ES512":
		m.curve, m.hash, m.size = "P-521", "SHA-512", 66
	default:
		return nil, fmt.Errorf("%w: %q is not an ECDSA JWS algorithm", jwt.ErrInvalidKeyType, alg)
	}
	return m, nil
}

// Alg is the JWS algorithm name.
func (m *ECDSA) Alg() string { return m.alg }

// Verify checks sig over signingString with an *ecdsa.PublicKey on the
// algorithm's curve. A signature of the wrong length is invalid without a
// call; a failing call is returned wrapped in ErrWebCrypto.
func (m *ECDSA) Verify(signingString string, sig []byte, key any) error {
	pub, ok := key.(*ecdsa.PublicKey)
	if !ok || pub.Curve.Params().Name != m.curve {
		return jwt.ErrInvalidKeyType
	}
	if len(sig) != 2*m.size {
		return jwt.ErrSignatureInvalid
	}
	ck, err := m.cryptoKey(pub, "verify")
	if err != nil {
		return err
	}
	valid, err := Await(context.Background(), Subtle().Call("verify", m.params(), ck, Bytes(sig), Bytes([]byte(signingString))))
	if err != nil {
		return err
	}
	if !valid.Bool() {
		return jwt.ErrSignatureInvalid
	}
	return nil
}

// Sign signs signingString with an *ecdsa.PrivateKey on the algorithm's
// curve.
func (m *ECDSA) Sign(signingString string, key any) ([]byte, error) {
	priv, ok := key.(*ecdsa.PrivateKey)
	if !ok || priv.Curve.Params().Name != m.curve {
		return nil, jwt.ErrInvalidKeyType
	}
	ck, err := m.cryptoKey(priv, "sign")
	if err != nil {
		return nil, err
	}
	sig, err := Await(context.Background(), Subtle().Call("sign", m.params(), ck, Bytes([]byte(signingString))))
	if err != nil {
		return nil, err
	}
	return GoBytes(sig), nil
}

func (m *ECDSA) params() map[string]any { return map[string]any{"name": "ECDSA", "hash": m.hash} }

// cryptoKey imports key, public or private, once for usage.
func (m *ECDSA) cryptoKey(key any, usage string) (js.Value, error) {
	m.mu.Lock()
	ck, ok := m.keys[key]
	m.mu.Unlock()
	if ok {
		return ck, nil
	}
	jwk, err := JWK(key)
	if err != nil {
		return js.Value{}, err
	}
	params := map[string]any{"name": "ECDSA", "namedCurve": m.curve}
	ck, err = Await(context.Background(), Subtle().Call("importKey", "jwk", jwk, params, false, []any{usage}))
	if err != nil {
		return js.Value{}, errors.Join(jwt.ErrInvalidKey, err)
	}
	m.mu.Lock()
	if m.keys == nil || len(m.keys) >= maxKeys {
		m.keys = map[any]js.Value{}
	}
	m.keys[key] = ck
	m.mu.Unlock()
	return ck, nil
}

// JWK is the JWK (RFC 7517 §4, RFC 7518 §6.2) of an ECDSA key as
// importKey takes it: kty, crv, x and y, and d for a private key, the
// coordinates at their fixed length.
func JWK(key any) (map[string]any, error) {
	j, err := keys.PrivateJWK(key)
	if errors.Is(err, keys.ErrNoPrivate) {
		j, err = keys.PublicJWK(key)
	}
	if err != nil {
		return nil, err
	}
	m := map[string]any{"kty": j.Kty, "crv": j.Crv, "x": j.X, "y": j.Y}
	if j.D != "" {
		m["d"] = j.D
	}
	return m, nil
}
