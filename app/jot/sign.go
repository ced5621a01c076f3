package jot

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/authlab/authlab/app/keys"
)

// Sign creates a JWS compact token (RFC 7515 §5.1) over claims with the
// key's private half. The header gets alg, typ "JWT" and the key's kid, and
// then the members of extra, which may not override alg.
func Sign(claims any, alg string, k *keys.Key, extra map[string]any) (string, error) {
	a, err := LookupAlgorithm(alg)
	if err != nil {
		return "", err
	}
	if k.Private == nil {
		return "", fmt.Errorf("%w: key %q has no private part", ErrKeyType, k.Kid)
	}
	if err := a.CheckKey(k.Private); err != nil {
		return "", err
	}
	head, err := signedHeaders.segment(a.Name, k.Kid, extra)
	if err != nil {
		return "", err
	}
	pb, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("%w: claims: %v", ErrJSON, err)
	}
	input := head + "." + base64.RawURLEncoding.EncodeToString(pb)
	sig, err := a.method.Sign(input, k.Private)
	if err != nil {
		return "", fmt.Errorf("sign %s: %w", a.Name, err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}

// KeySet adapts a keys.Set to Keys: with no kid, every key is a candidate.
type KeySet struct{ *keys.Set }

// Candidates returns every key in the set; none when Set is nil.
func (s KeySet) Candidates() []*keys.Key {
	if s.Set == nil {
		return nil
	}
	return s.Keys
}
