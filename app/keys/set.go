package keys

import (
	"encoding/json"
	"fmt"
)

// Set is a JWK Set (RFC 7517 §5) with its keys parsed. Keys are looked up by
// kid as an opaque string, never as a path, URL or query.
type Set struct {
	Keys []*Key
	byID map[string]*Key
}

// ParseSet parses a JWK Set. Every key must parse, and no two keys may share
// a kid (RFC 7517 §4.5).
func ParseSet(data []byte) (*Set, error) {
	v, err := unmarshalGeneric(data)
	if err != nil {
		return nil, err
	}
	set, _ := v.(map[string]any)
	if set["keys"] == nil {
		return nil, fmt.Errorf("%w: no keys member", ErrJWK)
	}
	list, ok := set["keys"].([]any)
	if !ok {
		return nil, fmt.Errorf("%w: keys must be an array", ErrJWK)
	}
	s := &Set{}
	for i, raw := range list {
		j, err := decodeJWK(raw)
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i, err)
		}
		k, err := j.Key()
		if err != nil {
			return nil, fmt.Errorf("key %d: %w", i, err)
		}
		if err := s.Add(k); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// Add appends a key, refusing a kid that is already present.
func (s *Set) Add(k *Key) error {
	if s.byID == nil {
		s.byID = map[string]*Key{}
	}
	if k.Kid != "" {
		if _, dup := s.byID[k.Kid]; dup {
			return fmt.Errorf("%w: %q", ErrDuplicateID, k.Kid)
		}
		s.byID[k.Kid] = k
	}
	s.Keys = append(s.Keys, k)
	return nil
}

// Lookup returns the key with the given kid.
func (s *Set) Lookup(kid string) (*Key, bool) {
	if s == nil {
		return nil, false
	}
	k, ok := s.byID[kid]
	return k, ok
}

// PublicSet returns the public JWK Set of the keys, each with kid, alg and
// use "sig", ready to publish at a jwks_uri (RFC 8414 §2).
func (s *Set) PublicSet() ([]byte, error) {
	out := struct {
		Keys []*JWK `json:"keys"`
	}{Keys: []*JWK{}}
	for _, k := range s.Keys {
		if _, secret := k.Public.([]byte); secret {
			continue
		}
		j, err := PublicJWK(k.Public)
		if err != nil {
			return nil, err
		}
		j.Kid, j.Alg, j.Use = k.Kid, k.Alg, "sig"
		out.Keys = append(out.Keys, j)
	}
	return json.Marshal(out)
}
