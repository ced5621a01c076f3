package keys_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

var sentinels = []error{keys.ErrJWK, keys.ErrKeyType, keys.ErrCurve, keys.ErrNotOnCurve,
	keys.ErrWeakKey, keys.ErrPEM, keys.ErrNoPrivate, keys.ErrDuplicateID, keys.ErrTooLarge}

func wrapsSentinel(err error) bool {
	for _, s := range sentinels {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// checkParsed asserts what every accepted key satisfies.
func checkParsed(t *testing.T, k *keys.Key) {
	t.Helper()
	if typeName(k.Public) == "" || typeName(k.Public) == "other" {
		t.Fatalf("accepted a key with public part %T", k.Public)
	}
	if k.Private != nil && !publicMatches(k) {
		t.Fatal("accepted a private key that does not match its public key")
	}
	if _, secret := k.Public.([]byte); secret {
		return
	}
	j, err := keys.PublicJWK(k.Public)
	if err != nil {
		t.Fatalf("PublicJWK: %v", err)
	}
	if _, err := keys.Thumbprint(j); err != nil {
		t.Fatalf("Thumbprint: %v", err)
	}
	raw, _ := json.Marshal(j)
	back, err := keys.ParseJWK(raw)
	if err != nil || !sameKey(k.Public, back.Public) {
		t.Fatalf("the exported public key does not parse back: %v", err)
	}
}

func FuzzParseJWK(f *testing.F) {
	for _, name := range []string{"rfc7515_A1_HS256", "rfc7515_A2_RS256", "rfc7515_A3_ES256", "rfc7515_A4_ES512", "rfc8037_A4_Ed25519", "rfc7638_3_1_thumbprint"} {
		f.Add(rfcJWK(f, name))
	}
	f.Add([]byte(`{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA"}`))
	f.Add([]byte(`{"kty":"RSA","n":"AQAB","e":"AQ"}`))
	f.Add([]byte(`{"kty":"OKP","crv":"Ed25519","x":""}`))
	f.Add([]byte(`{"kty":"oct","k":""}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := keys.ParseJWK(data)
		if err != nil {
			if k != nil || !wrapsSentinel(err) {
				t.Fatalf("ParseJWK = %v, %v", k, err)
			}
			return
		}
		checkParsed(t, k)
	})
}

func FuzzParseSet(f *testing.F) {
	f.Add(rfcSet(f))
	f.Add([]byte(`{"keys":[]}`))
	f.Add([]byte(`{"keys":[{"kty":"oct","k":"AAAA","kid":"a"},{"kty":"oct","k":"AAAB","kid":"a"}]}`))
	f.Add([]byte(`{"keys":null}`))
	f.Add([]byte(`{"keys":[{"kty":"EC"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := keys.ParseSet(data)
		if err != nil {
			if s != nil || !wrapsSentinel(err) {
				t.Fatalf("ParseSet = %v, %v", s, err)
			}
			return
		}
		kids := map[string]bool{}
		for _, k := range s.Keys {
			checkParsed(t, k)
			if k.Kid == "" {
				continue
			}
			if kids[k.Kid] {
				t.Fatalf("accepted a duplicate kid %q", k.Kid)
			}
			kids[k.Kid] = true
			if got, ok := s.Lookup(k.Kid); !ok || got != k {
				t.Fatalf("Lookup(%q) does not find its key", k.Kid)
			}
		}
		out, err := s.PublicSet()
		if err != nil {
			t.Fatalf("PublicSet: %v", err)
		}
		if _, err := keys.ParseSet(out); err != nil {
			t.Fatalf("the published set does not parse: %v", err)
		}
	})
}
