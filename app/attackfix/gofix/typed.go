package gofix

import (
	"crypto/ecdsa"
	"errors"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

var errNotAccessToken = errors.New("not an access token: typ must be at+jwt")

// VerifyAccessToken accepts only an access token (RFC 9068 §2.1): an ID
// token or a refresh token of the same issuer and key has another typ
// and is refused (RFC 8725 §3.11). The rest is Verify's.
func VerifyAccessToken(raw string, publicKey *ecdsa.PublicKey, issuer, audience string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(raw, claims,
		func(t *jwt.Token) (any, error) {
			typ, _ := t.Header["typ"].(string)
			if !strings.EqualFold(strings.TrimPrefix(typ, "application/"), "at+jwt") {
				return nil, errNotAccessToken
			}
			return publicKey, nil
		},
		jwt.WithValidMethods([]string{"ES256"}),
		jwt.WithIssuer(issuer),
		jwt.WithAudience(audience),
		jwt.WithExpirationRequired(),
	)
	return claims, err
}
