//go:build js && wasm

package webcrypto

import (
	"context"
	"crypto/ecdsa"
	"encoding/base64"
	"errors"
	"sync"
	"syscall/js"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/worker/glue"
)

// ES256 implements the JWS ES256 algorithm (RFC 7518 §3.4) with
// crypto.subtle: ECDSA over P-256 with SHA-256, signatures as the 64-byte
// R||S that both JWS and WebCrypto use. Imported keys are cached, so each
// key crosses into WebCrypto once per isolate. Under the project's glue
// (worker/glue) the glue makes the calls, and keys, signatures and data
// cross as bytes; elsewhere, such as under Node for the tests, Go makes
// them through syscall/js.
type ES256 struct {
	mu      sync.Mutex
	keys    map[any]js.Value
	glueKey map[any]uint32 // key numbers in the glue
}

var _ jwt.SigningMethod = (*ES256)(nil)

// Alg is "ES256".
func (m *ES256) Alg() string { return "ES256" }

// Verify checks sig over signingString with an *ecdsa.PublicKey.
func (m *ES256) Verify(signingString string, sig []byte, key any) error {
	pub, ok := key.(*ecdsa.PublicKey)
	if !ok || pub.Curve.Params().Name != "P-256" {
		return jwt.ErrInvalidKeyType
	}
	if len(sig) != 64 {
		return jwt.ErrSignatureInvalid
	}
	if glue.Available() {
		return m.verifyGlue(pub, signingString, sig)
	}
	ck, err := m.cryptoKey(pub, func() map[string]any { return publicJWK(pub) }, "verify")
	if err != nil {
		return err
	}
	ok2, err := await(context.Background(), subtle().Call("verify", ecdsaParams(), ck, bytesToJS(sig), bytesToJS([]byte(signingString))))
	if err != nil {
		return err
	}
	if !ok2.Bool() {
		return jwt.ErrSignatureInvalid
	}
	return nil
}

// Sign signs signingString with an *ecdsa.PrivateKey.
func (m *ES256) Sign(signingString string, key any) ([]byte, error) {
	priv, ok := key.(*ecdsa.PrivateKey)
	if !ok || priv.Curve.Params().Name != "P-256" {
		return nil, jwt.ErrInvalidKeyType
	}
	if glue.Available() {
		return m.signGlue(priv, signingString)
	}
	ck, err := m.cryptoKey(priv, func() map[string]any { return privateJWK(priv) }, "sign")
	if err != nil {
		return nil, err
	}
	sig, err := await(context.Background(), subtle().Call("sign", ecdsaParams(), ck, bytesToJS([]byte(signingString))))
	if err != nil {
		return nil, err
	}
	return bytesFromJS(js.Global().Get("Uint8Array").New(sig)), nil
}

// cryptoKey imports a key as a JWK once and caches the CryptoKey under the
// Go key's pointer.
func (m *ES256) cryptoKey(cacheKey any, jwk func() map[string]any, usage string) (js.Value, error) {
	m.mu.Lock()
	ck, ok := m.keys[cacheKey]
	m.mu.Unlock()
	if ok {
		return ck, nil
	}
	params := map[string]any{"name": "ECDSA", "namedCurve": "P-256"}
	ck, err := await(context.Background(), subtle().Call("importKey", "jwk", jwk(), params, false, []any{usage}))
	if err != nil {
		return js.Value{}, errors.Join(jwt.ErrInvalidKey, err)
	}
	m.mu.Lock()
	if m.keys == nil {
		m.keys = map[any]js.Value{}
	}
	m.keys[cacheKey] = ck
	m.mu.Unlock()
	return ck, nil
}

func publicJWK(pub *ecdsa.PublicKey) map[string]any {
	return map[string]any{"kty": "EC", "crv": "P-256", "x": coord(pub.X.Bytes()), "y": coord(pub.Y.Bytes())}
}

func privateJWK(priv *ecdsa.PrivateKey) map[string]any {
	jwk := publicJWK(&priv.PublicKey)
	d, _ := priv.Bytes()
	jwk["d"] = coord(d)
	return jwk
}

func subtle() js.Value { return js.Global().Get("crypto").Get("subtle") }

func ecdsaParams() map[string]any { return map[string]any{"name": "ECDSA", "hash": "SHA-256"} }

// coord encodes a P-256 coordinate as the fixed 32-byte base64url of
// RFC 7518 §6.2.1.2.
func coord(b []byte) string {
	out := make([]byte, 32)
	copy(out[32-len(b):], b)
	return base64.RawURLEncoding.EncodeToString(out)
}
