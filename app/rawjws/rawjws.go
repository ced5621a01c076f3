// Package rawjws writes the pieces of a compact JWS (RFC 7515 §7.1)
// without any policy: the signing input, and HS256 with a key of any
// length, even empty. The attack lab needs exactly the tokens that a
// strict signer refuses to make; nothing else should use this package.
package rawjws

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
)

// SigningInput is the JWS Signing Input (RFC 7515 §5.1) of a header and
// claims: their JSON, each base64url-encoded, joined by a dot.
func SigningInput(header, claims map[string]any) (string, error) {
	h, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(c), nil
}

// HMACSHA256 is HS256's MAC (RFC 7518 §3.2) with a key of any length.
func HMACSHA256(key, input []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(input)
	return m.Sum(nil)
}

// SignHS256 signs header and claims with HS256 and key, whatever its
// length.
func SignHS256(header, claims map[string]any, key []byte) (string, error) {
	in, err := SigningInput(header, claims)
	if err != nil {
		return "", err
	}
	return in + "." + base64.RawURLEncoding.EncodeToString(HMACSHA256(key, []byte(in))), nil
}
