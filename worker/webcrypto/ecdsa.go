//go:build js && wasm

package webcrypto

import (
	"crypto/ecdsa"
	"sync"

	"github.com/golang-jwt/jwt/v5"
)

// ES256 implements the JWS ES256 algorithm (RFC 7518 §3.4) with
// crypto.subtle: ECDSA over P-256 with SHA-256, signatures as the 64-byte
// R||S that both JWS and WebCrypto use. The worker's glue (worker/glue)
// makes the calls, and keys, signatures and data cross as bytes. Imported
// keys are cached, so each key crosses into WebCrypto once per isolate.
type ES256 struct {
	mu      sync.Mutex
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
	return m.verifyGlue(pub, signingString, sig)
}

// Sign signs signingString with an *ecdsa.PrivateKey.
func (m *ES256) Sign(signingString string, key any) ([]byte, error) {
	priv, ok := key.(*ecdsa.PrivateKey)
	if !ok || priv.Curve.Params().Name != "P-256" {
		return nil, jwt.ErrInvalidKeyType
	}
	return m.signGlue(priv, signingString)
}
