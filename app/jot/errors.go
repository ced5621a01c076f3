// Package jot inspects, verifies and signs JSON Web Tokens (RFC 7519) in JWS
// Compact Serialization (RFC 7515 §7.1). It wraps github.com/golang-jwt/jwt/v5
// and closes the gaps of its defaults: strict base64url, algorithm families
// pinned to key types, UTF-8 claims, and the crit header parameter.
package jot

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	ErrEmpty           = errors.New("token is empty")
	ErrSegmentCount    = errors.New("token must have three dot-separated segments")
	ErrBase64          = errors.New("segment is not valid base64url")
	ErrJSON            = errors.New("segment is not a JSON object")
	ErrUTF8            = errors.New("segment is not valid UTF-8")
	ErrAlgMissing      = errors.New("header has no alg")
	ErrAlgUnsupported  = errors.New("alg is not supported")
	ErrAlgNone         = errors.New("alg none is never accepted")
	ErrKeyType         = errors.New("key type does not fit alg")
	ErrKeyNotFound     = errors.New("no key for kid")
	ErrCrit            = errors.New("header has crit parameters that are not understood")
	ErrType            = errors.New("typ is not the expected token type")
	ErrSignature       = errors.New("signature does not match")
	ErrExpired         = errors.New("token is expired")
	ErrNotYetValid     = errors.New("token is not valid yet")
	ErrIssuedInFuture  = errors.New("token is issued in the future")
	ErrIssuer          = errors.New("iss does not match")
	ErrAudience        = errors.New("aud does not match")
	ErrClaimMissing    = errors.New("required claim is missing")
	ErrClaimType       = errors.New("claim has the wrong type")
	ErrHMACKeyTooShort = errors.New("HMAC key is shorter than the hash")
	ErrTooLarge        = errors.New("token is too large")
	ErrSecretEncoding  = errors.New("secret is not in the chosen encoding")
)
