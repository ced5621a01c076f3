//go:build js && wasm

package webcrypto

import (
	"crypto/ecdsa"
	"sync"

	"github.com/golang-jwt/jwt/v5"
)

// ES256 implements the JWS ES256 algorithm (RFC 7518 §3.4) with the
// runtime's node:crypto sign and verify: ECDSA over P-256 with SHA-256, in
// workerd the same BoringSSL as crypto.subtle, but answered within the
// call, so a request's goroutine does not wait on a promise. The worker's
// glue (worker/glue) makes the calls, keys, signatures and data cross as
// bytes, and signatures as the 64-byte R||S of JWS. Imported keys are
// cached, so each key crosses into the runtime once per isolate.
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
