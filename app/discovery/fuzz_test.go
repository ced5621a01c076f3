package discovery_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/authlab/authlab/app/discovery"
)

// FuzzDiscover serves the fuzzed body at every URL, so that it is parsed
// as metadata and as a JWK Set (and its x5c): no panic, every attempt's
// error wraps a sentinel, and at most MaxFetches URLs are fetched.
func FuzzDiscover(f *testing.F) {
	for _, name := range []string{"google.json", "entra.json", "entra-common.json", "keycloak.json", "okta.json"} {
		f.Add(testdata(f, name), "k")
	}
	f.Add(`{"issuer":"https://issuer.example","jwks_uri":"https://issuer.example"}`, "")
	f.Add(`{"keys":[{"kty":"EC","kid":"k","x5c":["AAAA"],"x5t":"x"}]}`, "k")
	f.Add(`{"keys":[{"kty":"RSA","kid":"k","n":"AQAB","e":"AQAB","x5c":["MIIB"]},{"kid":"k"}]}`, "k")
	f.Add(`{"keys":[1,null,"x",[]]}`, "")
	f.Add(`[]`, "")
	f.Fuzz(func(t *testing.T, body, kid string) {
		n := 0
		fetch := func(context.Context, string) (int, http.Header, []byte, error) {
			n++
			return 200, nil, []byte(body), nil
		}
		r, err := discovery.Discover(context.Background(), fetch, "https://issuer.example", kid, clock)
		if err != nil && !errors.Is(err, discovery.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
		if n > discovery.MaxFetches {
			t.Fatalf("%d fetches", n)
		}
		for _, a := range r.Attempts {
			if a.Err == nil {
				continue
			}
			ok := false
			for _, s := range []error{discovery.ErrStatus, discovery.ErrNotObject, discovery.ErrTooLarge, discovery.ErrMetadata, discovery.ErrJWKS, discovery.ErrTooMany, discovery.ErrIssuer, discovery.ErrUnreadable} {
				ok = ok || errors.Is(a.Err, s)
			}
			if !ok {
				t.Fatalf("attempt error wraps no sentinel: %v", a.Err)
			}
		}
		if r.Key != nil && r.Key.Kid != kid && kid != "" {
			t.Fatalf("chose kid %q for %q", r.Key.Kid, kid)
		}
	})
}
