// Package jwe decrypts and encrypts JSON Web Encryption in the Compact
// Serialization (RFC 7516 §7.1) with a key the user gives: a JWK, a JWK
// Set, PEM or a symmetric secret, read by jot.ReadKey. The cryptography is
// github.com/go-jose/go-jose/v4's; this package chooses what it may do.
//
// Only the algorithms that RFC 8725 §3.2 leaves in good standing are
// accepted, each pinned to its key type. RSA1_5 and PBES2 are refused by
// name, before any work is done on the token. A plaintext that is itself a
// JWT (RFC 7519 §5.2, RFC 7516 §4.1.12 "cty") is handed back for
// verification, never trusted as claims on its own.
//
// Auth.js and NextAuth session cookies, JWEs under a key derived from the
// app's secret, are read by DecryptAuthJS.
package jwe

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	ErrNotJWE = errors.New("not a JWE in compact serialization")
	ErrHeader = errors.New("JWE protected header is invalid")
	// ErrRefused is a named algorithm that is never used, such as RSA1_5.
	ErrRefused = errors.New("algorithm is refused")
	// ErrPBES2 also wraps ErrRefused.
	ErrPBES2       = errors.New("PBES2 password-based key management is refused")
	ErrUnsupported = errors.New("algorithm is not supported")
	ErrCrit        = errors.New("header has crit parameters that are not understood")
	ErrNoKey       = errors.New("no key to decrypt with")
	ErrKey         = errors.New("key does not fit the algorithm")
	// ErrDecrypt is a wrong key, or a token changed after it was made: the
	// two cannot be told apart (RFC 7516 §11.5).
	ErrDecrypt  = errors.New("decryption failed")
	ErrTooLarge = errors.New("too large")
	ErrZip      = errors.New("compressed plaintext is invalid")
	ErrAuthJS   = errors.New("not an Auth.js session cookie")
)
