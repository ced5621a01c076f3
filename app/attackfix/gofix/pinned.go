package gofix

import (
	"crypto/ecdsa"

	"github.com/golang-jwt/jwt/v5"
)

// Verify accepts only an ES256 token signed with publicKey, which comes
// from the API's configuration and never from the token: alg, kid, jku,
// x5u and jwk choose nothing (RFC 8725 §3.1, §3.10). The issuer, the
// audience and an exp in the future are required (§3.8, §3.9).
func Verify(raw string, publicKey *ecdsa.PublicKey, issuer, audience string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims,
		func(*jwt.Token) (any, error) { return publicKey, nil },
		jwt.WithValidMethods([]string{"ES256"}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
	)
	return claims, err
}
