package discovery_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/discovery"
)

// discoverSet serves set as the conventional JWK Set of an issuer and
// discovers kid in it.
func discoverSet(t *testing.T, set, kid string, opts ...discovery.Option) *discovery.Report {
	t.Helper()
	s := &site{pages: map[string]answer{"https://issuer.example/.well-known/jwks.json": {body: set}}}
	r, err := discovery.Discover(context.Background(), s.fetch, "https://issuer.example", kid, append([]discovery.Option{clock}, opts...)...)
	if err != nil {
		t.Fatalf("Discover: %v", err)
	}
	return r
}

// The key is chosen by kid as an opaque string (RFC 7517 §4.5, §5).
func TestChooseByKid(t *testing.T) {
	a := jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "a", "alg": "ES256", "use": "sig"})
	b := jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "b"})
	b2 := jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "b"})
	enc := jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "e", "use": "enc"})
	weak := map[string]any{"kty": "RSA", "kid": "weak", "n": "AQAB", "e": "AQAB"}
	tests := []struct {
		name, set, kid, want string
		find                 discovery.FindingKind
	}{
		{"by kid", jwks(t, a, b), "b", "b", ""},
		{"kid is opaque", jwks(t, a, b), "B", "", discovery.FindingKidNotFound},
		{"kid not found", jwks(t, a, b), "c", "", discovery.FindingKidNotFound},
		{"no kid, one key", jwks(t, a), "", "a", ""},
		{"no kid, two keys", jwks(t, a, b), "", "", discovery.FindingNoKid},
		{"duplicate kid", jwks(t, a, b, b2), "b", "b", discovery.FindingDuplicateKid},
		{"use enc", jwks(t, a, enc), "e", "e", discovery.FindingKeyUse},
		{"unusable key", jwks(t, a, weak), "weak", "weak", discovery.FindingUnusableKey},
		{"a member that is not an object", `{"keys":[1,` + jwks(t, a)[9:], "a", "a", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := discoverSet(t, tt.set, tt.kid)
			got := ""
			if r.Key != nil {
				got = r.Key.Kid
			}
			if got != tt.want {
				t.Fatalf("key %q, want %q", got, tt.want)
			}
			if tt.find != "" && !r.Has(tt.find) || tt.find == "" && r.Has(discovery.FindingKidNotFound) {
				t.Fatalf("findings %v, want %s", r.Findings, tt.find)
			}
		})
	}
	r := discoverSet(t, jwks(t, a, b), "zz")
	if text := r.Findings[0].Text; !strings.Contains(text, `"a", "b"`) {
		t.Fatalf("the finding does not list the kids: %s", text)
	}
	if r := discoverSet(t, jwks(t, a, b), "a"); r.Key.Kty != "EC" || r.Key.Alg != "ES256" || r.Key.Use != "sig" || r.Key.Parsed == nil || r.Has(discovery.FindingSetUnusable) {
		t.Fatalf("key a: %+v, %v", r.Key, r.Findings)
	}
	if r := discoverSet(t, jwks(t, a, weak), "a"); !r.Has(discovery.FindingSetUnusable) {
		t.Fatalf("a set with a weak key is usable as a whole: %v", r.Findings)
	}
}

// x5c (RFC 7517 §4.7): certificates read, chain linked, leaf validity
// against the clock, leaf key equal to the JWK's key, thumbprints.
func TestX5C(t *testing.T) {
	k := ecKey(t)
	good := chain(t, &k.PublicKey, validFrom, validTo)
	expired := chain(t, &k.PublicKey, validFrom, now.Add(-time.Hour))
	other := chain(t, &ecKey(t).PublicKey, validFrom, validTo)
	broken := []any{good[0], other[1], other[2]}
	tests := []struct {
		name  string
		key   map[string]any
		find  string // the kinds of findings, in order
		links []bool
	}{
		{"good chain", jwk(t, &k.PublicKey, map[string]any{"kid": "k"}, good...), "", []bool{true, true, false}},
		{"leaf only, no x or y", jwk(t, &k.PublicKey, map[string]any{"kid": "k", "x": nil, "y": nil, "crv": nil}, good[0]), "set-unusable", []bool{false}},
		{"broken chain", jwk(t, &k.PublicKey, map[string]any{"kid": "k"}, asCerts(broken)...), "x5c-chain", []bool{false, true, false}},
		{"expired leaf", jwk(t, &k.PublicKey, map[string]any{"kid": "k"}, expired...), "x5c-expired", []bool{true, true, false}},
		{"key mismatch", jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "k"}, good...), "x5c-key-mismatch", []bool{true, true, false}},
		{"x5t#S256 mismatch", jwk(t, &k.PublicKey, map[string]any{"kid": "k", "x5t#S256": "AAAA"}, good...), "x5t-mismatch", []bool{true, true, false}},
		{"x5t mismatch", jwk(t, &k.PublicKey, map[string]any{"kid": "k", "x5t": "AAAA"}, good...), "x5t-mismatch", []bool{true, true, false}},
		{"base64url, not base64", jwk(t, &k.PublicKey, map[string]any{"kid": "k", "x5c": []string{"-_-_"}}), "x5c-invalid", nil},
		{"not DER", jwk(t, &k.PublicKey, map[string]any{"kid": "k", "x5c": []string{"AAAA"}}), "x5c-invalid", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := discoverSet(t, jwks(t, tt.key), "k")
			if kinds(r) != tt.find {
				t.Fatalf("findings %v, want %s", r.Findings, tt.find)
			}
			if r.Key == nil || len(r.Key.Chain) != len(tt.links) {
				t.Fatalf("key %+v", r.Key)
			}
			for i, c := range r.Key.Chain {
				if c.SignedByNext != tt.links[i] {
					t.Errorf("cert %d SignedByNext %v", i, c.SignedByNext)
				}
			}
			if tt.find == "x5c-invalid" {
				return
			}
			if r.Key.Parsed == nil {
				t.Fatal("no key to verify with")
			}
			leaf := r.Key.Chain[0]
			if !k.PublicKey.Equal(r.Key.Parsed.Public) || r.Key.Parsed.Kid != "k" {
				t.Fatalf("the key to verify with is not the leaf's: %+v", r.Key.Parsed)
			}
			sum := sha256.Sum256(good[0].Raw)
			if tt.name == "good chain" && (leaf.Subject != "CN=Test Signing Key" || leaf.Issuer != "CN=Test Intermediate" ||
				!leaf.NotBefore.Equal(validFrom) || !leaf.NotAfter.Equal(validTo) || leaf.SHA256 != hex.EncodeToString(sum[:])) {
				t.Fatalf("leaf %+v", leaf)
			}
		})
	}
	// The same expired chain is fine at a time when it was valid.
	past := discovery.WithTimeFunc(func() time.Time { return validFrom.Add(time.Hour) })
	if r := discoverSet(t, jwks(t, jwk(t, &k.PublicKey, map[string]any{"kid": "k"}, expired...)), "k", past); r.Has(discovery.FindingX5CExpired) {
		t.Fatalf("findings %v", r.Findings)
	}
}
