// Package apikey makes and checks API keys of the form
// "alk_<prefix>_<secret>": a public prefix that finds the key and a secret
// of 256 random bits of which only a SHA-256 hash is stored.
package apikey

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Sentinel errors.
var (
	ErrFormat = errors.New("API key is malformed")
	ErrRandom = errors.New("no randomness for a new API key")
)

const (
	scheme      = "alk"
	prefixBytes = 6  // 8 base64url characters
	secretBytes = 32 // 256 bits
	prefixLen   = 8
	secretLen   = 43
)

// Key is a freshly made API key. Plain is shown to its owner once; only
// Prefix and Hash are stored.
type Key struct {
	Plain  string
	Prefix string
	Hash   string
}

// New makes a key from rand.
func New(rand io.Reader) (*Key, error) {
	b := make([]byte, prefixBytes+secretBytes)
	if _, err := io.ReadFull(rand, b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRandom, err)
	}
	enc := base64.RawURLEncoding
	prefix := enc.EncodeToString(b[:prefixBytes])
	secret := enc.EncodeToString(b[prefixBytes:])
	plain := scheme + "_" + prefix + "_" + secret
	return &Key{Plain: plain, Prefix: prefix, Hash: Hash(plain)}, nil
}

// Hash is the hex SHA-256 of the whole key. The secret holds 256 random
// bits, so a fast hash is enough: there is nothing to guess.
func Hash(plain string) string {
	sum := sha256.Sum256([]byte(plain))
	return hex.EncodeToString(sum[:])
}

// Parse checks a presented key's shape and returns its prefix.
func Parse(plain string) (prefix string, err error) {
	parts := strings.Split(plain, "_")
	// base64url may itself contain '_', so split on the first two only.
	if len(parts) < 3 || parts[0] != scheme {
		return "", fmt.Errorf("%w: expected alk_<prefix>_<secret>", ErrFormat)
	}
	rest := plain[len(scheme)+1:]
	if len(rest) != prefixLen+1+secretLen || rest[prefixLen] != '_' {
		return "", fmt.Errorf("%w: wrong length", ErrFormat)
	}
	enc := base64.RawURLEncoding.Strict()
	if _, err := enc.DecodeString(rest[:prefixLen]); err != nil {
		return "", fmt.Errorf("%w: prefix is not base64url", ErrFormat)
	}
	if _, err := enc.DecodeString(rest[prefixLen+1:]); err != nil {
		return "", fmt.Errorf("%w: secret is not base64url", ErrFormat)
	}
	return rest[:prefixLen], nil
}

// MatchHash reports in constant time whether hash, the Hash of a presented
// key, is storedHash.
func MatchHash(hash, storedHash string) bool {
	return subtle.ConstantTimeCompare([]byte(hash), []byte(storedHash)) == 1
}
