package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/worker/workerdconf"
)

// distinctCount is how many distinct tokens the protected-distinct
// endpoint sends round-robin: more than any verified-token cache of the
// workers holds (authserver keeps 1,024), so that each request pays the
// full verification.
const (
	distinctCount     = 4000
	distinctCountText = "4,000"
)

// errToken is a token that cannot be re-signed.
var errToken = errors.New("access token")

// signingKeys parses SIGNING_KEYS of a dotenv file such as
// worker/.dev.vars: the keys every variant signs with.
func signingKeys(devVars []byte) (*keys.Set, error) {
	vars, err := workerdconf.ParseDotenv(string(devVars))
	if err != nil {
		return nil, err
	}
	if vars["SIGNING_KEYS"] == "" {
		return nil, fmt.Errorf("%w: no SIGNING_KEYS", errToken)
	}
	return keys.ParseSet([]byte(vars["SIGNING_KEYS"]))
}

// distinctTokens returns n tokens that differ from token, a variant's
// own access token, only in jti, each signed again with the variant's
// key: the key of set that the token's kid names. A token without a
// known kid (the floor's, which is not signed) is signed with the first
// key of set under the header the workers write, alg ES256 and typ
// at+jwt. The claims keep their order and every other member.
func distinctTokens(token string, set *keys.Set, n int) ([]string, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: not a compact JWS", errToken)
	}
	header, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return nil, fmt.Errorf("%w: header: %w", errToken, err)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, fmt.Errorf("%w: payload: %w", errToken, err)
	}
	var h struct{ Kid string }
	if err := json.Unmarshal(header, &h); err != nil {
		return nil, fmt.Errorf("%w: header: %w", errToken, err)
	}
	key, ok := set.Lookup(h.Kid)
	if !ok || h.Kid == "" {
		if len(set.Keys) == 0 {
			return nil, fmt.Errorf("%w: no signing key", errToken)
		}
		key = set.Keys[0]
		header, _ = json.Marshal(map[string]string{"alg": "ES256", "kid": key.Kid, "typ": "at+jwt"})
	}
	// The jti names the token it was made from, so that the copies of a
	// renewed token differ from the last ones.
	from := sha256.Sum256([]byte(token))
	out := make([]string, n)
	for i := range out {
		p, err := withJTI(payload, fmt.Sprintf("bench-%x-%d", from[:6], i))
		if err != nil {
			return nil, err
		}
		if out[i], err = jot.SignJSON(header, p, key); err != nil {
			return nil, fmt.Errorf("%w: %w", errToken, err)
		}
	}
	return out, nil
}

// withJTI replaces the value of the claims' "jti" member, or adds one,
// keeping the other members as they are.
func withJTI(payload []byte, jti string) ([]byte, error) {
	var claims map[string]json.RawMessage
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, fmt.Errorf("%w: claims: %w", errToken, err)
	}
	v, _ := json.Marshal(jti)
	claims["jti"] = v
	return json.Marshal(claims) // keys sorted, as the Go worker writes them
}
