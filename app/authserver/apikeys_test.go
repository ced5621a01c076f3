//go:build !js

package authserver_test

import (
	"testing"
)

// TestDataCountsOnlyTheRightSecret presents a key's prefix with another
// secret: it is refused, and the key's quota does not count it.
func TestDataCountsOnlyTheRightSecret(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	tok := s.login(t, "alice", "password123")
	key := s.do(t, "POST", "/api/keys", `{"daily_quota":5}`, "Authorization", "Bearer "+tok).str("key")
	// A and E both leave the last character's two spare bits at zero, so
	// the forged key still has a well-formed secret.
	last := "A"
	if key[len(key)-1] == 'A' {
		last = "E"
	}
	forged := key[:len(key)-1] + last
	for i := 0; i < 3; i++ {
		r := s.do(t, "GET", "/api/data", "", "X-API-Key", forged)
		if r.Code != 401 || r.str("error_description") != "invalid API key: unknown or revoked key" || r.Header().Get("WWW-Authenticate") == "" {
			t.Fatalf("forged secret: %d %s %v", r.Code, r.Body, r.Header())
		}
	}
	r := s.do(t, "GET", "/api/data", "", "X-API-Key", key)
	if r.Code != 200 || r.Header().Get("RateLimit-Remaining") != "4" {
		t.Fatalf("the key after three forged uses: %d %s %v", r.Code, r.Body, r.Header())
	}
}
