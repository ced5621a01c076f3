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

// FuzzJWKS serves fixed, matching metadata and a fuzzed JWK Set at its
// jwks_uri, so that every input reaches the JWK Set reader, the kid
// choice and the x5c checks: no panic, the chosen key is the one named
// and comes from jwks_uri, and a certificate chain is reported whole or
// not at all.
func FuzzJWKS(f *testing.F) {
	rsa, ec := rsaKey(f), ecKey(f)
	good := chain(f, &ec.PublicKey, validFrom, validTo)
	f.Add(jwks(f, jwk(f, rsa.Public, map[string]any{"kid": "k", "alg": "RS256", "use": "sig"})), "k")
	f.Add(jwks(f, jwk(f, &ec.PublicKey, map[string]any{"kid": "k"}, good...)), "k")
	f.Add(jwks(f, jwk(f, &ecKey(f).PublicKey, map[string]any{"kid": "k"}, good...)), "k")
	f.Add(jwks(f, jwk(f, &ec.PublicKey, map[string]any{"kid": "k", "x": nil, "y": nil}, good[0])), "k")
	f.Add(jwks(f, jwk(f, &ec.PublicKey, map[string]any{"kid": "k", "use": "enc"}), jwk(f, rsa.Public, map[string]any{"kid": "k"})), "k")
	f.Add(`{"keys":[{"kty":"oct","kid":"","k":"AAAA"}]}`, "")
	f.Add(`{"keys":[{"kid":"k","x5c":["MA=="]}]}`, "k")
	const iss, keysURL = "https://issuer.example", "https://issuer.example/keys"
	meta := `{"issuer":"` + iss + `","jwks_uri":"` + keysURL + `"}`
	f.Fuzz(func(t *testing.T, set, kid string) {
		s := &site{pages: map[string]answer{
			iss + "/.well-known/openid-configuration": {body: meta},
			keysURL: {body: set},
		}}
		r, err := discovery.Discover(context.Background(), s.fetch, iss, kid, clock)
		if err != nil && !errors.Is(err, discovery.ErrNotFound) {
			t.Fatalf("err = %v", err)
		}
		if len(s.asked) > discovery.MaxFetches {
			t.Fatalf("%d fetches", len(s.asked))
		}
		k := r.Key
		if k == nil {
			return
		}
		if (kid != "" && k.Kid != kid) || k.Source != keysURL || r.JWKSURL != keysURL {
			t.Fatalf("chose %q from %s for %q", k.Kid, k.Source, kid)
		}
		for i, c := range k.Chain {
			if len(c.SHA256) != 64 || (i == len(k.Chain)-1 && c.SignedByNext) {
				t.Fatalf("certificate %d of %d: %+v", i, len(k.Chain), c)
			}
		}
	})
}
