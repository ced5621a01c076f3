// Package attack builds the tokens of the classic attacks on JWT
// verifiers that RFC 8725 warns against, from a token the attacker holds:
// alg "none", key confusion, kid injection, jku, x5u and jwk header keys,
// psychic signatures, and a dictionary attack on a weak HMAC secret. The
// attack lab throws them at deliberately naive endpoints and at the
// strict server, and the same builders test a person's own API.
package attack

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/attack/crack"
	"github.com/authlab/authlab/app/rawjws"
)

// ErrToken means the token to start from is not a compact JWS whose
// header and claims are JSON objects. It is the cracker's own.
var ErrToken = crack.ErrToken

// Attack is one malicious token and how it was made.
type Attack struct {
	Name  string // the lab endpoint that makes the mistake, such as "none"
	Label string // the variant, such as `alg "None"`
	Token string
	How   string // how the token was made, in a sentence
}

// victim is a token the attacker holds, decoded.
type victim struct {
	header, claims map[string]any
	parts          []string
}

func decode(token string) (*victim, error) {
	token = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bearer "))
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: %d segments", ErrToken, len(parts))
	}
	v := &victim{parts: parts}
	for i, dst := range []*map[string]any{&v.header, &v.claims} {
		b, err := base64.RawURLEncoding.DecodeString(parts[i])
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrToken, err)
		}
		if err := json.Unmarshal(b, dst); err != nil || *dst == nil {
			return nil, fmt.Errorf("%w: segment %d is not a JSON object", ErrToken, i+1)
		}
	}
	return v, nil
}

// header returns a copy of the victim's header with changes applied; a
// nil value deletes the member.
func (v *victim) headerWith(changes map[string]any) map[string]any {
	return with(v.header, changes)
}

// escalated returns the victim's claims as an attacker would change them:
// sub becomes "admin".
func (v *victim) escalated() map[string]any {
	return with(v.claims, map[string]any{"sub": "admin"})
}

func with(m, changes map[string]any) map[string]any {
	out := make(map[string]any, len(m)+len(changes))
	for k, val := range m {
		out[k] = val
	}
	for k, val := range changes {
		if val == nil {
			delete(out, k)
			continue
		}
		out[k] = val
	}
	return out
}

// SigningInput, HMACSHA256 and SignHS256 are rawjws's: attack tokens are
// made without the policy of a strict signer.
var (
	SigningInput = rawjws.SigningInput
	HMACSHA256   = rawjws.HMACSHA256
	SignHS256    = rawjws.SignHS256
)
