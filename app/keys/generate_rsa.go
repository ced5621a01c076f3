package keys

import (
	"crypto/rsa"
	"fmt"
	"io"
)

// GenerateRSA creates an RSA key of bits bits (2048, 3072 or 4096; RFC 7518
// §3.3 asks for at least 2048) for alg (an RS* or PS* name, or "" to leave
// the key usable with any of them), named by its RFC 7638 thumbprint.
func GenerateRSA(bits int, alg string, rand io.Reader) (*Key, error) {
	switch bits {
	case 2048, 3072, 4096:
	default:
		return nil, fmt.Errorf("%w: RSA keys are 2048, 3072 or 4096 bits, not %d", ErrWeakKey, bits)
	}
	priv, err := rsa.GenerateKey(rand, bits)
	if err != nil {
		return nil, fmt.Errorf("generate RSA %d: %w", bits, err)
	}
	return named(priv, &priv.PublicKey, alg)
}
