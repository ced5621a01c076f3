package jot

import (
	"strings"

	"github.com/authlab/authlab/app/keys"
)

// Key formats of a KeyMaterial.
const (
	FormatSecret = "secret"
	FormatPEM    = string(keys.FormatPEM)
	FormatJWK    = string(keys.FormatJWK)
	FormatJWKS   = string(keys.FormatJWKS)
)

// KeyMaterial is the key a person gave to check a token with: text that
// is an HMAC secret, PEM, a JWK or a JWK Set.
type KeyMaterial struct {
	Text     string
	Encoding SecretEncoding // how a secret is read
	// Format is FormatSecret, FormatPEM, FormatJWK or FormatJWKS, or ""
	// when no key was given.
	Format string
	Set    *keys.Set // the parsed keys, nil when Err is set
	Err    error     // why Text could not be read
}

// ReadKey reads key text. PEM, a JWK and a JWK Set are recognised by their
// shape whatever enc says (see keys.LooksLikeKey); any other text is an
// HMAC secret written in enc.
func ReadKey(text string, enc SecretEncoding) *KeyMaterial {
	km := &KeyMaterial{Text: text, Encoding: enc}
	if strings.TrimSpace(text) == "" {
		return km
	}
	if keys.LooksLikeKey([]byte(text)) {
		set, format, err := keys.ParseAny([]byte(text))
		km.Format, km.Set, km.Err = string(format), set, err
		if km.Format == "" {
			km.Format = FormatJWK
		}
		return km
	}
	km.Format = FormatSecret
	b, err := DecodeSecret(text, enc)
	if err != nil {
		km.Err = err
		return km
	}
	km.Set = &keys.Set{}
	km.Set.Add(&keys.Key{Public: b, Private: b})
	return km
}

// SetMaterial wraps an already parsed JWK Set, such as one fetched from a
// jwks_uri.
func SetMaterial(set *keys.Set) *KeyMaterial {
	return &KeyMaterial{Format: FormatJWKS, Set: set}
}

// Secret returns the HMAC secret bytes when the material is a secret.
func (km *KeyMaterial) Secret() []byte {
	if km == nil || km.Format != FormatSecret || km.Set == nil || len(km.Set.Keys) != 1 {
		return nil
	}
	b, _ := km.Set.Keys[0].Public.([]byte)
	return b
}

// keySource adapts the material to Keys. A single key (a secret, PEM or
// one JWK) is tried whatever the token's kid, unless the key names a
// different kid; a JWK Set is searched by kid.
func (km *KeyMaterial) keySource() Keys {
	if km.Format == FormatJWKS {
		return KeySet{Set: km.Set}
	}
	return singleKey{km.Set.Keys[0]}
}

type singleKey struct{ k *keys.Key }

func (s singleKey) Lookup(kid string) (*keys.Key, bool) {
	if s.k.Kid != "" && s.k.Kid != kid {
		return nil, false
	}
	return s.k, true
}

func (s singleKey) Candidates() []*keys.Key { return []*keys.Key{s.k} }
