// Package keys parses and exports the keys that sign and verify JWS: JWK
// (RFC 7517), JWK Sets, PEM (SPKI, PKCS#1, PKCS#8, SEC 1, X.509), and
// computes RFC 7638 thumbprints. It also generates keys from a given source
// of randomness.
package keys

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	ErrJWK         = errors.New("invalid JWK")
	ErrKeyType     = errors.New("unsupported key type")
	ErrCurve       = errors.New("unsupported curve")
	ErrNotOnCurve  = errors.New("point is not on the curve")
	ErrWeakKey     = errors.New("key is too weak")
	ErrPEM         = errors.New("invalid PEM")
	ErrNoPrivate   = errors.New("key has no private part")
	ErrDuplicateID = errors.New("two keys share one kid")
	ErrTooLarge    = errors.New("key material is too large")
)
