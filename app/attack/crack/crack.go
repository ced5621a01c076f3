// Package crack is the dictionary attack on a token's HMAC secret: the
// loop alone, on the standard library only, so that the attack lab runs
// it in a small WebAssembly module of its own, in a Web Worker (see
// wasm/crack), and the native benchmark measures the very same loop.
package crack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strings"
)

// Errors of Crack.
var (
	ErrToken    = errors.New("attack: need a compact JWS with a JSON header and claims")
	ErrNotHMAC  = errors.New("attack: only an HS256, HS384 or HS512 token can be cracked")
	ErrNotFound = errors.New("attack: no word of the list signs this token")
)

// progressEvery is how many guesses pass between two progress reports
// and two looks at the context.
const progressEvery = 512

// Words returns the list to try: each non-empty line of extra, then
// each of known, without repeats.
func Words(extra string, known []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range append(strings.Split(extra, "\n"), known...) {
		w = strings.TrimRight(w, "\r")
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Crack tries each word as the HMAC secret of token (RFC 7518 §3.2) and
// returns the one that makes its signature. This is why a secret must be
// random and at least as long as the hash (RFC 8725 §3.5): the words are
// tried offline, as fast as the machine goes. progress, when not nil, is
// called with the number of words tried every few hundred guesses and
// once at the end; a cancelled ctx stops the search with ctx's error.
func Crack(ctx context.Context, token string, words []string, progress func(tried int)) (string, error) {
	parts := strings.Split(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bearer ")), ".")
	if len(parts) != 3 {
		return "", fmt.Errorf("%w: %d segments", ErrToken, len(parts))
	}
	var header struct {
		Alg any `json:"alg"`
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrToken, err)
	}
	if err := json.Unmarshal(raw, &header); err != nil {
		return "", fmt.Errorf("%w: the header is not a JSON object", ErrToken)
	}
	var h func() hash.Hash
	switch header.Alg {
	case "HS256":
		h = sha256.New
	case "HS384":
		h = sha512.New384
	case "HS512":
		h = sha512.New
	default:
		return "", fmt.Errorf("%w: alg is %v", ErrNotHMAC, header.Alg)
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrToken, err)
	}
	input := []byte(parts[0] + "." + parts[1])
	for i, w := range words {
		if i%progressEvery == 0 && i > 0 {
			if err := ctx.Err(); err != nil {
				return "", err
			}
			if progress != nil {
				progress(i)
			}
		}
		m := hmac.New(h, []byte(w))
		m.Write(input)
		if hmac.Equal(m.Sum(nil), sig) {
			if progress != nil {
				progress(i + 1)
			}
			return w, nil
		}
	}
	if progress != nil {
		progress(len(words))
	}
	return "", fmt.Errorf("%w (%d words tried)", ErrNotFound, len(words))
}
