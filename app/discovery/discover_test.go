package discovery_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/discovery"
)

// The well-known URLs tried, in order, for issuers with and without a
// path and with a terminating slash (OpenID Connect Discovery 1.0 §4.1,
// RFC 8414 §3.1).
func TestCandidateOrder(t *testing.T) {
	tests := []struct {
		iss  string
		want []string
	}{
		{"https://accounts.google.com", []string{
			"https://accounts.google.com/.well-known/openid-configuration",
			"https://accounts.google.com/.well-known/oauth-authorization-server",
			"https://accounts.google.com/.well-known/jwks.json"}},
		{"https://accounts.google.com/", []string{
			"https://accounts.google.com/.well-known/openid-configuration",
			"https://accounts.google.com/.well-known/oauth-authorization-server",
			"https://accounts.google.com/.well-known/jwks.json"}},
		{"https://sso.example.org/realms/x", []string{
			"https://sso.example.org/realms/x/.well-known/openid-configuration",
			"https://sso.example.org/.well-known/oauth-authorization-server/realms/x",
			"https://sso.example.org/realms/x/.well-known/jwks.json"}},
		{"https://login.microsoftonline.com/tid/v2.0/", []string{
			"https://login.microsoftonline.com/tid/v2.0/.well-known/openid-configuration",
			"https://login.microsoftonline.com/.well-known/oauth-authorization-server/tid/v2.0",
			"https://login.microsoftonline.com/tid/v2.0/.well-known/jwks.json"}},
		{"http://127.0.0.1:8787", []string{
			"http://127.0.0.1:8787/.well-known/openid-configuration",
			"http://127.0.0.1:8787/.well-known/oauth-authorization-server",
			"http://127.0.0.1:8787/.well-known/jwks.json"}},
	}
	for _, tt := range tests {
		t.Run(tt.iss, func(t *testing.T) {
			s := &site{}
			r, err := discovery.Discover(context.Background(), s.fetch, tt.iss, "k", clock)
			if !errors.Is(err, discovery.ErrNotFound) {
				t.Fatalf("err = %v, want ErrNotFound", err)
			}
			if strings.Join(s.asked, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("asked\n%s\nwant\n%s", strings.Join(s.asked, "\n"), strings.Join(tt.want, "\n"))
			}
			for i, a := range r.Attempts {
				if a.URL != tt.want[i] || a.Status != 404 || !errors.Is(a.Err, discovery.ErrStatus) {
					t.Errorf("attempt %d = %+v", i, a)
				}
			}
			if r.Curl != "" || r.Key != nil {
				t.Errorf("Curl %q Key %v", r.Curl, r.Key)
			}
		})
	}
}

// Metadata shaped like four real providers', each found where that
// provider publishes it, and the key chosen by kid.
func TestProviders(t *testing.T) {
	rsa := rsaKey(t)
	ec := ecKey(t)
	entraChain := chain(t, rsa.Public, validFrom, validTo)
	tests := []struct {
		name, iss, metaURL, meta, jwksURL, kid string
		key                                    map[string]any
		wantKty, wantAlg                       string
		wantChain                              int
	}{
		{"Google", "https://accounts.google.com", "https://accounts.google.com/.well-known/openid-configuration", "google.json",
			"https://www.googleapis.com/oauth2/v3/certs", "g1",
			jwk(t, rsa.Public, map[string]any{"kid": "g1", "alg": "RS256", "use": "sig"}), "RSA", "RS256", 0},
		{"Entra ID", "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
			"https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0/.well-known/openid-configuration", "entra.json",
			"https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/discovery/v2.0/keys", "e1",
			jwk(t, rsa.Public, map[string]any{"kid": "e1", "use": "sig", "issuer": "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"}, entraChain...), "RSA", "", 3},
		{"Keycloak", "https://sso.example.org/realms/x", "https://sso.example.org/realms/x/.well-known/openid-configuration", "keycloak.json",
			"https://sso.example.org/realms/x/protocol/openid-connect/certs", "kc-1",
			jwk(t, &ec.PublicKey, map[string]any{"kid": "kc-1", "alg": "ES256", "use": "sig"}), "EC", "ES256", 0},
		{"Okta, RFC 8414 only", "https://dev-123456.okta.com/oauth2/default",
			"https://dev-123456.okta.com/.well-known/oauth-authorization-server/oauth2/default", "okta.json",
			"https://dev-123456.okta.com/oauth2/default/v1/keys", "ok1",
			jwk(t, rsa.Public, map[string]any{"kid": "ok1", "alg": "RS256", "use": "sig"}), "RSA", "RS256", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			other := jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "other", "alg": "ES256"})
			s := &site{pages: map[string]answer{
				tt.metaURL: {body: testdata(t, tt.meta)},
				tt.jwksURL: {body: jwks(t, other, tt.key)},
			}}
			r, err := discovery.Discover(context.Background(), s.fetch, tt.iss, tt.kid, clock)
			if err != nil {
				t.Fatalf("Discover: %v; attempts %+v", err, r.Attempts)
			}
			if r.MetadataURL != tt.metaURL || r.JWKSURL != tt.jwksURL || len(r.Findings) != 0 {
				t.Fatalf("metadata %s, jwks %s, findings %v", r.MetadataURL, r.JWKSURL, r.Findings)
			}
			k := r.Key
			if k == nil || k.Kid != tt.kid || k.Kty != tt.wantKty || k.Alg != tt.wantAlg || k.Use != "sig" || k.Source != tt.jwksURL || k.Parsed == nil || len(k.Chain) != tt.wantChain {
				t.Fatalf("key %+v", k)
			}
			if last := r.Attempts[len(r.Attempts)-1]; last.URL != tt.jwksURL || last.Purpose != discovery.PurposeJWKSURI || last.Status != 200 || last.Err != nil {
				t.Fatalf("last attempt %+v", last)
			}
			if want := discovery.Curl(tt.jwksURL); r.Curl != want || !strings.Contains(r.Curl, "'"+tt.jwksURL+"'") {
				t.Fatalf("Curl %q", r.Curl)
			}
		})
	}
}

// Entra's /common/ metadata names the issuer "…/{tenantid}/v2.0", never
// a token's iss: a verifier must not use it (OIDC Discovery 1.0 §4.3).
func TestIssuerMismatch(t *testing.T) {
	iss := "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"
	s := &site{pages: map[string]answer{
		iss + "/.well-known/openid-configuration":                      {body: testdata(t, "entra-common.json")},
		"https://login.microsoftonline.com/common/discovery/v2.0/keys": {body: jwks(t, jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "k"}))},
	}}
	r, err := discovery.Discover(context.Background(), s.fetch, iss, "k", clock)
	if !errors.Is(err, discovery.ErrNotFound) || !r.Has(discovery.FindingIssuerMismatch) {
		t.Fatalf("err %v findings %v", err, r.Findings)
	}
	if !strings.Contains(r.Findings[0].Text, "{tenantid}") || !errors.Is(r.Attempts[0].Err, discovery.ErrMetadata) || r.Attempts[0].Status != 200 {
		t.Fatalf("finding %q attempt %+v", r.Findings[0].Text, r.Attempts[0])
	}
	for _, u := range s.asked {
		if strings.Contains(u, "/common/") {
			t.Fatalf("the jwks_uri of a mismatched document was fetched: %s", u)
		}
	}
	// A difference of a trailing slash is a mismatch too: "identical".
	s2 := &site{pages: map[string]answer{
		"https://accounts.google.com/.well-known/openid-configuration": {body: strings.Replace(testdata(t, "google.json"), `"https://accounts.google.com"`, `"https://accounts.google.com/"`, 1)},
	}}
	if r, _ := discovery.Discover(context.Background(), s2.fetch, "https://accounts.google.com", "k", clock); !r.Has(discovery.FindingIssuerMismatch) {
		t.Fatalf("trailing slash: %v", r.Findings)
	}
}

// A CORS refusal is recorded as such, and the curl command is for the URL
// the page could not read.
func TestUnreadable(t *testing.T) {
	iss := "https://accounts.google.com"
	certs := "https://www.googleapis.com/oauth2/v3/certs"
	s := &site{pages: map[string]answer{
		iss + "/.well-known/openid-configuration": {body: testdata(t, "google.json")},
		certs: {err: fmt.Errorf("%w: TypeError: Failed to fetch", discovery.ErrUnreadable)},
	}}
	r, err := discovery.Discover(context.Background(), s.fetch, iss, "k", clock)
	if !errors.Is(err, discovery.ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
	if a := r.Attempts[1]; a.URL != certs || a.Status != 0 || !errors.Is(a.Err, discovery.ErrUnreadable) {
		t.Fatalf("attempt %+v", a)
	}
	if r.Curl != discovery.Curl(certs) {
		t.Fatalf("Curl = %q", r.Curl)
	}
	// The RFC 8414 and conventional URLs were still tried, once each.
	if len(s.asked) != 4 {
		t.Fatalf("asked %v", s.asked)
	}
}

// Only https issuers, http on loopback for testing, and no query,
// fragment or user info.
func TestIssuerURL(t *testing.T) {
	tests := []struct {
		iss  string
		ok   bool
		find discovery.FindingKind
	}{
		{"https://issuer.example", true, ""},
		{"http://localhost:8787", true, discovery.FindingHTTP},
		{"http://127.0.0.1", true, discovery.FindingHTTP},
		{"http://[::1]:9000/realms/x", true, discovery.FindingHTTP},
		{"http://issuer.example", false, ""},
		{"http://127.0.0.1.example.com", false, ""},
		{"https://issuer.example?tenant=1", false, ""},
		{"https://issuer.example#x", false, ""},
		{"https://user@issuer.example", false, ""},
		{"issuer.example", false, ""},
		{"ftp://issuer.example", false, ""},
		{"https://", false, ""},
		{"", false, ""},
		{"https://bad host", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.iss, func(t *testing.T) {
			s := &site{}
			r, err := discovery.Discover(context.Background(), s.fetch, tt.iss, "", clock)
			if !tt.ok {
				if !errors.Is(err, discovery.ErrIssuer) || r != nil || len(s.asked) != 0 {
					t.Fatalf("err %v, asked %v", err, s.asked)
				}
				return
			}
			if !errors.Is(err, discovery.ErrNotFound) || len(s.asked) != 3 {
				t.Fatalf("err %v asked %v", err, s.asked)
			}
			if (tt.find != "") != r.Has(discovery.FindingHTTP) {
				t.Fatalf("findings %v", r.Findings)
			}
		})
	}
}

// What each answer must be: 200, at most MaxBody bytes, a JSON object,
// metadata with issuer and an https jwks_uri, a JWK Set with keys.
func TestAnswers(t *testing.T) {
	iss := "https://issuer.example"
	meta := iss + "/.well-known/openid-configuration"
	good := `{"issuer":"https://issuer.example","jwks_uri":"https://issuer.example/keys"}`
	tests := []struct {
		name    string
		pages   map[string]answer
		want    error
		find    discovery.FindingKind
		attempt int
	}{
		{"too large", map[string]answer{meta: {body: `{"issuer":"` + strings.Repeat("a", discovery.MaxBody) + `"}`}}, discovery.ErrTooLarge, "", 0},
		{"array", map[string]answer{meta: {body: `[1,2]`}}, discovery.ErrNotObject, "", 0},
		{"null", map[string]answer{meta: {body: `null`}}, discovery.ErrNotObject, "", 0},
		{"html", map[string]answer{meta: {body: `<html>`}}, discovery.ErrNotObject, "", 0},
		{"500", map[string]answer{meta: {status: 500, body: `{}`}}, discovery.ErrStatus, "", 0},
		{"no issuer", map[string]answer{meta: {body: `{"jwks_uri":"https://issuer.example/keys"}`}}, discovery.ErrMetadata, "", 0},
		{"issuer not a string", map[string]answer{meta: {body: `{"issuer":1}`}}, discovery.ErrMetadata, "", 0},
		{"no jwks_uri", map[string]answer{meta: {body: `{"issuer":"https://issuer.example"}`}}, discovery.ErrMetadata, "", 0},
		{"http jwks_uri", map[string]answer{meta: {body: `{"issuer":"https://issuer.example","jwks_uri":"http://issuer.example/keys"}`}}, discovery.ErrMetadata, discovery.FindingJWKSURI, 0},
		{"JWK Set without keys", map[string]answer{meta: {body: good}, iss + "/keys": {body: `{"kty":"RSA"}`}}, discovery.ErrJWKS, "", 1},
		{"keys not an array", map[string]answer{meta: {body: good}, iss + "/keys": {body: `{"keys":{}}`}}, discovery.ErrJWKS, "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &site{pages: tt.pages}
			r, err := discovery.Discover(context.Background(), s.fetch, iss, "k", clock)
			if !errors.Is(err, discovery.ErrNotFound) {
				t.Fatalf("err = %v", err)
			}
			if a := r.Attempts[tt.attempt]; !errors.Is(a.Err, tt.want) {
				t.Fatalf("attempt %d: %+v, want %v", tt.attempt, a, tt.want)
			}
			if tt.find != "" && !r.Has(tt.find) {
				t.Fatalf("findings %v", r.Findings)
			}
			if len(s.asked) > discovery.MaxFetches {
				t.Fatalf("%d URLs fetched", len(s.asked))
			}
		})
	}
}

// Both metadata documents name one jwks_uri that fails: it is fetched
// once, and no Discover fetches more than MaxFetches URLs.
func TestFetchBound(t *testing.T) {
	iss := "https://issuer.example/tenant"
	meta := `{"issuer":"https://issuer.example/tenant","jwks_uri":"https://keys.example/jwks"}`
	s := &site{pages: map[string]answer{
		iss + "/.well-known/openid-configuration":                              {body: meta},
		"https://issuer.example/.well-known/oauth-authorization-server/tenant": {body: meta},
		"https://keys.example/jwks":                                            {status: 503, body: "{}"},
	}}
	r, err := discovery.Discover(context.Background(), s.fetch, iss, "k", clock)
	if !errors.Is(err, discovery.ErrNotFound) || len(s.asked) != 4 || len(r.Attempts) != 5 {
		t.Fatalf("err %v asked %v attempts %d", err, s.asked, len(r.Attempts))
	}
	if !errors.Is(r.Attempts[3].Err, discovery.ErrTooMany) {
		t.Fatalf("the repeated jwks_uri: %+v", r.Attempts[3])
	}
}

// The conventional location is used when neither metadata document is
// there.
func TestConventional(t *testing.T) {
	iss := "https://issuer.example"
	k := jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "only"})
	s := &site{pages: map[string]answer{iss + "/.well-known/jwks.json": {body: jwks(t, k)}}}
	r, err := discovery.Discover(context.Background(), s.fetch, iss+"/", "", clock)
	if err != nil || r.MetadataURL != "" || r.JWKSURL != iss+"/.well-known/jwks.json" || r.Key == nil || r.Key.Kid != "only" {
		t.Fatalf("err %v report %+v", err, r)
	}
	if r.Attempts[2].Purpose != discovery.PurposeConventional || r.Attempts[2].Note == "" {
		t.Fatalf("attempt %+v", r.Attempts[2])
	}
}
