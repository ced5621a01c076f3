// Package oauth holds the client and server halves of OAuth 2.0 that both
// the browser walkthrough and the auth server use: PKCE (RFC 7636),
// authorization requests (RFC 6749 §4.1.1), token responses (RFC 6749 §5)
// and errors (RFC 6749 §5.2).
package oauth

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
)

// Sentinel errors for PKCE.
var (
	ErrVerifierFormat = errors.New("code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~]")
	ErrMethod         = errors.New("code_challenge_method must be S256")
	ErrChallenge      = errors.New("code_verifier does not match code_challenge")
)

// NewVerifier makes a code_verifier from 32 random bytes, base64url-encoded
// into 43 characters (RFC 7636 §4.1).
func NewVerifier(rand io.Reader) (string, error) {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", fmt.Errorf("code_verifier: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// ValidVerifier checks the code_verifier syntax of RFC 7636 §4.1.
func ValidVerifier(v string) error {
	if len(v) < 43 || len(v) > 128 {
		return fmt.Errorf("%w: it has %d", ErrVerifierFormat, len(v))
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return fmt.Errorf("%w: %q at %d", ErrVerifierFormat, c, i)
		}
	}
	return nil
}

// S256 computes code_challenge = BASE64URL(SHA256(ASCII(code_verifier)))
// (RFC 7636 §4.2).
func S256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// VerifyS256 checks a code_verifier against the stored challenge
// (RFC 7636 §4.6), comparing in constant time.
func VerifyS256(verifier, challenge string) error {
	if err := ValidVerifier(verifier); err != nil {
		return err
	}
	if subtle.ConstantTimeCompare([]byte(S256(verifier)), []byte(challenge)) != 1 {
		return ErrChallenge
	}
	return nil
}

// ValidChallenge checks a code_challenge's syntax: S256 output is 43
// base64url characters.
func ValidChallenge(c string) bool {
	if len(c) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(c)
	return err == nil
}
