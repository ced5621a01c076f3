package keys

import (
	"fmt"
	"io"
)

// GenerateSecret creates an HMAC secret of size random bytes from rand,
// named by the RFC 7638 thumbprint of its "oct" JWK. RFC 7518 §3.2 asks for
// at least the hash size: 32 bytes for HS256, 48 for HS384, 64 for HS512.
func GenerateSecret(size int, alg string, rand io.Reader) (*Key, error) {
	if size < 32 || size > 1024 {
		return nil, fmt.Errorf("%w: an HMAC secret of %d bytes; use 32 to 1024", ErrWeakKey, size)
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(rand, b); err != nil {
		return nil, fmt.Errorf("generate secret: %w", err)
	}
	j := &JWK{Kty: "oct", K: enc.EncodeToString(b)}
	kid, err := Thumbprint(j)
	if err != nil {
		return nil, err
	}
	return &Key{Kid: kid, Alg: alg, Use: "sig", Public: b, Private: b}, nil
}

// GenerateFor creates the usual key for a JWS alg (RFC 7518 §3.1, RFC 8037
// §3.1): a secret as long as the hash for HS*, RSA 2048 for RS* and PS*,
// the matching curve for ES*, and Ed25519 for EdDSA.
func GenerateFor(alg string, rand io.Reader) (*Key, error) {
	switch alg {
	case "HS256":
		return GenerateSecret(32, alg, rand)
	case "HS384":
		return GenerateSecret(48, alg, rand)
	case "HS512":
		return GenerateSecret(64, alg, rand)
	case "RS256", "RS384", "RS512", "PS256", "PS384", "PS512":
		return GenerateRSA(2048, alg, rand)
	case "ES256":
		return GenerateEC("P-256", rand)
	case "ES384":
		return GenerateEC("P-384", rand)
	case "ES512":
		return GenerateEC("P-521", rand)
	case "EdDSA":
		return GenerateEd25519(rand)
	}
	return nil, fmt.Errorf("%w: no key for alg %q", ErrKeyType, alg)
}
