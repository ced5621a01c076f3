//go:build !js

package authserver_test

import (
	"strings"
	"testing"
)

// TestDemoTokensFailForTheirOwnReason checks that the demo tokens are
// refused by every Bearer route, each for its own claim: expired, or
// another audience, never the signature.
func TestDemoTokensFailForTheirOwnReason(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "demo-user", "correct horse")
	tok := s.login(t, "demo-user", "correct horse")
	r := s.do(t, "POST", "/api/demo-tokens", "", "Authorization", "Bearer "+tok)
	if r.Code != 200 || r.str("expired") == "" || r.str("other_audience") == "" {
		t.Fatalf("demo tokens: %d %s", r.Code, r.Body)
	}
	if got := s.do(t, "POST", "/api/demo-tokens", ""); got.Code != 401 {
		t.Errorf("without a token: %d", got.Code)
	}
	routes := []struct{ method, path string }{
		{"GET", "/api/protected"}, {"GET", "/api/profile"}, {"GET", "/api/keys"}, {"POST", "/api/demo-tokens"}, {"GET", "/oauth/userinfo"},
	}
	for name, want := range map[string]string{"expired": "expired", "other_audience": "aud"} {
		for _, rt := range routes {
			got := s.do(t, rt.method, rt.path, "", "Authorization", "Bearer "+r.str(name))
			desc := got.str("error_description")
			if got.Code != 401 || got.str("error") != "invalid_token" || !strings.Contains(desc, want) || strings.Contains(desc, "signature") {
				t.Errorf("%s at %s %s: %d %s", name, rt.method, rt.path, got.Code, got.Body)
			}
		}
	}
}
