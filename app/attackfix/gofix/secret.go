package gofix

import (
	"crypto/rand"
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

var errShortSecret = errors.New("an HS256 secret must be at least 32 bytes")

// NewSecret makes an HS256 secret: 32 random bytes, as long as the hash
// (RFC 7518 §3.2), which no word list holds (RFC 8725 §3.5).
func NewSecret() []byte {
	secret := make([]byte, 32)
	rand.Read(secret)
	return secret
}

// VerifyHS256 accepts only an HS256 token signed with secret, and refuses
// to use a secret shorter than the hash.
func VerifyHS256(raw string, secret []byte, issuer, audience string) (jwt.MapClaims, error) {
	if len(secret) < 32 {
		return nil, errShortSecret
	}
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims,
		func(*jwt.Token) (any, error) { return secret, nil },
		jwt.WithValidMethods([]string{"HS256"}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
	)
	return claims, err
}
