package keys_test

import (
	"crypto"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

// rfcSet is a JWK Set of the RFC 7515 and RFC 8037 example keys, each
// given a kid.
func rfcSet(t testing.TB) []byte {
	t.Helper()
	var ks []json.RawMessage
	for name, kid := range map[string]string{
		"rfc7515_A1_HS256":   "hs",
		"rfc7515_A2_RS256":   "rs",
		"rfc7515_A3_ES256":   "es256",
		"rfc7515_A4_ES512":   "es512",
		"rfc8037_A4_Ed25519": "ed",
	} {
		ks = append(ks, edit(t, rfcJWK(t, name), map[string]any{"kid": kid}))
	}
	b, err := json.Marshal(map[string]any{"keys": ks})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseSet(t *testing.T) {
	hs := rfcJWK(t, "rfc7515_A1_HS256")
	es := rfcJWK(t, "rfc7515_A3_ES256")
	set := func(ks ...[]byte) []byte {
		raw := make([]json.RawMessage, len(ks))
		for i, k := range ks {
			raw[i] = k
		}
		b, _ := json.Marshal(map[string]any{"keys": raw})
		return b
	}
	tests := []struct {
		name    string
		data    []byte
		n       int
		wantErr error
	}{
		{"RFC example keys", rfcSet(t), 5, nil},
		{"empty", []byte(`{"keys":[]}`), 0, nil},
		{"keys without kid", set(hs, es), 2, nil},
		{"kids differing in case", set(edit(t, hs, map[string]any{"kid": "a"}), edit(t, es, map[string]any{"kid": "A"})), 2, nil},
		{"duplicate kid", set(edit(t, hs, map[string]any{"kid": "a"}), edit(t, es, map[string]any{"kid": "a"})), 0, keys.ErrDuplicateID},
		{"one broken key", set(hs, edit(t, es, map[string]any{"y": flip(member(t, es, "y"))})), 0, keys.ErrNotOnCurve},
		{"no keys member", []byte(`{"kty":"oct","k":"AAAA"}`), 0, keys.ErrJWK},
		{"keys null", []byte(`{"keys":null}`), 0, keys.ErrJWK},
		{"keys an object", []byte(`{"keys":{}}`), 0, keys.ErrJWK},
		{"not JSON", []byte(`{"keys":[`), 0, keys.ErrJWK},
		{"a key that is not an object", []byte(`{"keys":[1]}`), 0, keys.ErrJWK},
		{"kty a number", set(edit(t, es, map[string]any{"kty": 1})), 0, keys.ErrJWK},
		{"key_ops not strings", set(edit(t, es, map[string]any{"key_ops": []any{1}})), 0, keys.ErrJWK},
		{"member names are case-sensitive", set(edit(t, es, map[string]any{"kty": nil, "KTY": "EC"})), 0, keys.ErrJWK},
		{"key_ops kept", set(edit(t, es, map[string]any{"key_ops": []any{"verify"}})), 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := keys.ParseSet(tt.data)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || s != nil {
					t.Fatalf("ParseSet = %v, %v; want %v", s, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSet: %v", err)
			}
			if len(s.Keys) != tt.n {
				t.Errorf("%d keys, want %d", len(s.Keys), tt.n)
			}
		})
	}
}

func TestSetLookup(t *testing.T) {
	s, err := keys.ParseSet(rfcSet(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, kid := range []string{"hs", "rs", "es256", "es512", "ed"} {
		k, ok := s.Lookup(kid)
		if !ok || k.Kid != kid {
			t.Errorf("Lookup(%q) = %v, %v", kid, k, ok)
		}
	}
	for _, kid := range []string{"", "HS", "hs ", "../hs", "es*"} {
		if k, ok := s.Lookup(kid); ok {
			t.Errorf("Lookup(%q) found %q", kid, k.Kid)
		}
	}
	var empty keys.Set
	if _, ok := empty.Lookup("hs"); ok {
		t.Error("the zero Set found a key")
	}
	if err := s.Add(&keys.Key{Kid: "hs", Public: []byte("x")}); !errors.Is(err, keys.ErrDuplicateID) {
		t.Errorf("Add of a taken kid: %v, want %v", err, keys.ErrDuplicateID)
	}
	if len(s.Keys) != 5 {
		t.Errorf("a refused Add changed the set: %d keys", len(s.Keys))
	}
}

// TestPublicSet checks that the published set holds every asymmetric key
// with kid, alg and use, and no private member nor any secret key.
func TestPublicSet(t *testing.T) {
	s, err := keys.ParseSet(rfcSet(t))
	if err != nil {
		t.Fatal(err)
	}
	_, edPriv, _ := ed25519.GenerateKey(nil)
	s.Add(&keys.Key{Kid: "gen", Alg: "EdDSA", Public: edPriv.Public(), Private: edPriv})
	s.Add(&keys.Key{Kid: "secret2", Public: []byte("0123456789abcdef0123456789abcdef")})
	out, err := s.PublicSet()
	if err != nil {
		t.Fatal(err)
	}
	var published struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(out, &published); err != nil {
		t.Fatal(err)
	}
	kids := map[string]bool{}
	for _, k := range published.Keys {
		for _, private := range []string{"d", "p", "q", "dp", "dq", "qi", "k", "oth"} {
			if _, leaked := k[private]; leaked {
				t.Errorf("key %v publishes %q", k["kid"], private)
			}
		}
		if k["use"] != "sig" || k["kid"] == "" || k["kty"] == "oct" {
			t.Errorf("published key %v", k)
		}
		kids[k["kid"].(string)] = true
	}
	for _, want := range []string{"rs", "es256", "es512", "ed", "gen"} {
		if !kids[want] {
			t.Errorf("%q is not published", want)
		}
	}
	if kids["hs"] || kids["secret2"] || len(published.Keys) != 5 {
		t.Errorf("published %v", kids)
	}
	for _, secret := range []string{member(t, rfcJWK(t, "rfc7515_A1_HS256"), "k"), member(t, rfcJWK(t, "rfc7515_A3_ES256"), "d")} {
		if strings.Contains(string(out), secret) {
			t.Error("a secret value appears in the published set")
		}
	}
	// The published set parses back to the same public keys.
	back, err := keys.ParseSet(out)
	if err != nil {
		t.Fatalf("ParseSet(PublicSet()): %v", err)
	}
	for _, k := range back.Keys {
		orig, _ := s.Lookup(k.Kid)
		if k.Private != nil || !sameKey(orig.Public, k.Public) {
			t.Errorf("%s did not round-trip", k.Kid)
		}
	}
	var none keys.Set
	if b, err := none.PublicSet(); err != nil || string(b) != `{"keys":[]}` {
		t.Errorf("empty PublicSet = %s, %v", b, err)
	}
}

func sameKey(a, b any) bool {
	type equaler interface{ Equal(crypto.PublicKey) bool }
	e, ok := a.(equaler)
	return ok && e.Equal(b)
}
