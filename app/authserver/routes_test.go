//go:build !js

package authserver_test

import (
	"crypto/ecdsa"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

func TestJWKS(t *testing.T) {
	s := newServer(t, 1000)
	r := s.do(t, "GET", "/.well-known/jwks.json", "")
	if r.Code != http.StatusOK || r.Header().Get("Content-Type") != "application/jwk-set+json" {
		t.Fatalf("%d %q", r.Code, r.Header().Get("Content-Type"))
	}
	var raw struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(r.Body.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw.Keys) != 1 {
		t.Fatalf("%d keys", len(raw.Keys))
	}
	k := raw.Keys[0]
	if _, leaked := k["d"]; leaked {
		t.Fatal("the JWKS publishes d")
	}
	if k["kid"] != s.key.Kid || k["alg"] != "ES256" || k["use"] != "sig" || k["kty"] != "EC" || k["crv"] != "P-256" {
		t.Errorf("published %v", k)
	}
	set, err := keys.ParseSet(r.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := set.Lookup(s.key.Kid); !ok || got.Private != nil || !s.key.Public.(*ecdsa.PublicKey).Equal(got.Public) {
		t.Errorf("the published key is not the signing key's public half")
	}
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	s := newServer(t, 1000)
	tests := []struct {
		method, path string
		status       int
		code         string
		allow        []string
	}{
		{"GET", "/nope", 404, "not_found", nil},
		{"GET", "/api", 404, "not_found", nil},
		{"POST", "/api/registerx", 404, "not_found", nil},
		{"GET", "/.well-known/nothing-here", 404, "not_found", nil},
		{"GET", "/api/register", 405, "method_not_allowed", []string{"POST"}},
		{"PUT", "/api/login", 405, "method_not_allowed", []string{"POST"}},
		{"DELETE", "/api/profile", 405, "method_not_allowed", []string{"GET"}},
		{"POST", "/.well-known/jwks.json", 405, "method_not_allowed", []string{"GET"}},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := s.do(t, tt.method, tt.path, "")
			if r.Code != tt.status || r.str("error") != tt.code {
				t.Fatalf("%d %s, want %d %s", r.Code, r.Body, tt.status, tt.code)
			}
			wantRefusedBySpec(t, r)
			allow := r.Header().Values("Allow")
			if len(allow) == 1 {
				allow = strings.Split(allow[0], ", ")
			}
			for _, m := range tt.allow {
				if !slices.Contains(allow, m) {
					t.Errorf("Allow %q lacks %s", allow, m)
				}
			}
			if slices.Contains(allow, tt.method) {
				t.Errorf("Allow %q lists the refused method", allow)
			}
		})
	}
}

// TestExactIndexAgreesWithMux checks the requests that the exact-path index
// leaves to the ServeMux: HEAD, paths that need cleaning and escaped
// paths are answered as the mux answers them, and the same request by
// the index before and after the mux exists gets the same answer.
func TestExactIndexAgreesWithMux(t *testing.T) {
	s := newServer(t, 1000)
	first := s.do(t, "GET", "/api/health", "")
	tests := []struct {
		method, path string
		status       int
	}{
		{"HEAD", "/api/health", http.StatusOK},
		{"GET", "/api/../api/health", http.StatusTemporaryRedirect},
		{"GET", "//api/health", http.StatusTemporaryRedirect},
		{"GET", "/api/%68ealth", http.StatusOK},
		{"GET", "/api/health/", http.StatusNotFound},
		{"DELETE", "/api/keys/x", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		r := s.do(t, tt.method, tt.path, "")
		if r.Code != tt.status {
			t.Errorf("%s %s: %d, want %d", tt.method, tt.path, r.Code, tt.status)
		}
	}
	again := s.do(t, "GET", "/api/health", "")
	if first.Code != http.StatusOK || again.Code != first.Code || again.Header().Get("Content-Type") != first.Header().Get("Content-Type") {
		t.Errorf("GET /api/health: %d then %d", first.Code, again.Code)
	}
}
