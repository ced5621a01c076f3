package keys

import (
	"crypto/ed25519"
	"fmt"
	"io"
)

// GenerateEd25519 creates an Ed25519 key for EdDSA (RFC 8037 §3.1) from
// rand, named by its RFC 7638 thumbprint.
func GenerateEd25519(rand io.Reader) (*Key, error) {
	pub, priv, err := ed25519.GenerateKey(rand)
	if err != nil {
		return nil, fmt.Errorf("generate Ed25519: %w", err)
	}
	return named(priv, pub, "EdDSA")
}
