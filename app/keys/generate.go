package keys

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"fmt"
	"io"
)

// GenerateEC creates an ECDSA key on the named curve ("P-256", "P-384" or
// "P-521") from rand, and names it by its RFC 7638 thumbprint.
func GenerateEC(crv string, rand io.Reader) (*Key, error) {
	curve, err := curveByName(crv)
	if err != nil {
		return nil, err
	}
	priv, err := ecdsa.GenerateKey(curve, rand)
	if err != nil {
		return nil, fmt.Errorf("generate %s: %w", crv, err)
	}
	return named(priv, &priv.PublicKey, ecAlg(curve))
}

func ecAlg(c elliptic.Curve) string {
	switch c.Params().BitSize {
	case 384:
		return "ES384"
	case 521:
		return "ES512"
	}
	return "ES256"
}

func named(priv, pub any, alg string) (*Key, error) {
	j, err := PublicJWK(pub)
	if err != nil {
		return nil, err
	}
	kid, err := Thumbprint(j)
	if err != nil {
		return nil, err
	}
	return &Key{Kid: kid, Alg: alg, Use: "sig", Public: pub, Private: priv}, nil
}
