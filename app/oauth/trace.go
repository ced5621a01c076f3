package oauth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
)

// PKCETrace is every step of making a PKCE pair (RFC 7636 §4.1, §4.2), so
// that a learner can check each one.
type PKCETrace struct {
	Random    []byte // 32 bytes from a CSPRNG (§7.1: 256 bits of entropy)
	Verifier  string // BASE64URL(Random): 43 characters of [A-Za-z0-9-_]
	Digest    []byte // SHA256(ASCII(Verifier))
	Challenge string // BASE64URL(Digest) without padding (Appendix A)
	Padded    string // the standard base64 of Digest, to show what is removed
}

// NewPKCE draws a verifier from rand and derives its S256 challenge.
func NewPKCE(rand io.Reader) (*PKCETrace, error) {
	b := make([]byte, 32)
	if _, err := io.ReadFull(rand, b); err != nil {
		return nil, fmt.Errorf("code_verifier: %w", err)
	}
	return TracePKCE(b), nil
}

// TracePKCE derives the verifier and challenge from 32 random bytes.
func TracePKCE(random []byte) *PKCETrace {
	v := base64.RawURLEncoding.EncodeToString(random)
	sum := sha256.Sum256([]byte(v))
	return &PKCETrace{
		Random: random, Verifier: v, Digest: sum[:],
		Challenge: base64.RawURLEncoding.EncodeToString(sum[:]),
		Padded:    base64.StdEncoding.EncodeToString(sum[:]),
	}
}

// RandomHex is Random in hexadecimal.
func (t *PKCETrace) RandomHex() string { return hex.EncodeToString(t.Random) }

// DigestHex is Digest in hexadecimal.
func (t *PKCETrace) DigestHex() string { return hex.EncodeToString(t.Digest) }

// NewState makes an unguessable state value (RFC 6749 §10.12): 128 bits
// from rand, base64url-encoded.
func NewState(rand io.Reader) (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(rand, b); err != nil {
		return "", fmt.Errorf("state: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
