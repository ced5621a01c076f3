package discovery

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/keys"
)

// Key is the key of a JWK Set chosen by kid (RFC 7517 §5).
type Key struct {
	Kid, Kty, Alg, Use string
	// Source is the URL of the JWK Set it came from.
	Source string
	// JWK is the member of the set as published.
	JWK json.RawMessage
	// Parsed is the key to verify with, nil when it cannot be used; when
	// the JWK has a readable x5c, it is the leaf certificate's key
	// (RFC 7517 §4.7), whatever the JWK's own members say.
	Parsed *keys.Key
	// Chain is the x5c certificate chain (RFC 7517 §4.7), leaf first.
	Chain []Cert
}

// jwkMembers are the members of a JWK that discovery reports on.
type jwkMembers struct {
	Kty     string   `json:"kty"`
	Kid     string   `json:"kid"`
	Alg     string   `json:"alg"`
	Use     string   `json:"use"`
	N       string   `json:"n"`
	X       string   `json:"x"`
	X5C     []string `json:"x5c"`
	X5T     string   `json:"x5t"`
	X5TS256 string   `json:"x5t#S256"`
}

// jwks reads a JWK Set from u and chooses the key for the report's kid.
func (d *run) jwks(ctx context.Context, u, purpose string) bool {
	obj, body, ok := d.get(ctx, u, purpose)
	if !ok {
		return false
	}
	entries, err := parseKeys(obj)
	if err != nil {
		d.fail(err)
		return false
	}
	r := d.r
	r.JWKSURL, r.JWKS, r.Curl = u, body, Curl(u)
	d.note("JWK Set with %d keys", len(entries))
	if _, err := keys.ParseSet(body); err != nil {
		r.find(FindingSetUnusable, fmt.Sprintf("the workbench cannot use this JWK Set as a whole: %v; paste the one key instead", err))
	}
	r.Key = d.choose(u, entries)
	return true
}

// parseKeys reads the keys member of a JWK Set (RFC 7517 §5.1).
func parseKeys(obj map[string]json.RawMessage) ([]json.RawMessage, error) {
	raw, ok := obj["keys"]
	if !ok {
		return nil, fmt.Errorf("%w: no keys member (RFC 7517 §5.1)", ErrJWKS)
	}
	var entries []json.RawMessage
	if err := json.Unmarshal(raw, &entries); err != nil {
		return nil, fmt.Errorf("%w: keys is not an array", ErrJWKS)
	}
	return entries, nil
}

// choose picks the member whose kid is the report's kid, compared as an
// opaque string, or the only member when the token names no kid.
func (d *run) choose(source string, entries []json.RawMessage) *Key {
	r := d.r
	var kids []string
	var found []*Key
	for _, e := range entries {
		var m jwkMembers
		if json.Unmarshal(e, &m) != nil {
			continue // not an object: not a JWK, nothing to match
		}
		kids = append(kids, fmt.Sprintf("%q", m.Kid))
		if m.Kid == r.Kid || r.Kid == "" && len(entries) == 1 {
			found = append(found, &Key{Kid: m.Kid, Kty: m.Kty, Alg: m.Alg, Use: m.Use, Source: source, JWK: e})
			d.describe(found[len(found)-1], m)
		}
	}
	switch {
	case len(found) > 1:
		r.find(FindingDuplicateKid, fmt.Sprintf("%d keys share kid %q; a kid must tell keys apart (RFC 7517 §4.5)", len(found), r.Kid))
	case len(found) == 0 && r.Kid == "":
		r.find(FindingNoKid, fmt.Sprintf("the token names no kid and the JWK Set has %d keys; a verifier has to try each", len(entries)))
		return nil
	case len(found) == 0:
		r.find(FindingKidNotFound, fmt.Sprintf("no key has kid %q; the set has %s. The issuer may have rotated its keys, or the token is not its", r.Kid, strings.Join(kids, ", ")))
		return nil
	}
	return found[0]
}

// describe parses the chosen key and checks its x5c chain.
func (d *run) describe(k *Key, m jwkMembers) {
	parsed, err := keys.ParseJWK(k.JWK)
	if err != nil && (len(m.X5C) == 0 || m.N != "" || m.X != "") {
		d.r.find(FindingUnusableKey, fmt.Sprintf("key %q cannot be used: %v", k.Kid, err))
	}
	if err == nil {
		k.Parsed = parsed
	}
	if m.Use != "" && m.Use != "sig" {
		d.r.find(FindingKeyUse, fmt.Sprintf("key %q has use %q; a key that verifies signatures has use \"sig\" (RFC 7517 §4.2)", k.Kid, m.Use))
	}
	if len(m.X5C) > 0 {
		d.checkX5C(k, m)
	}
}
