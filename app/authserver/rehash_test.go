//go:build !js

package authserver_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/password"
)

// TestLoginRehash changes the iteration count under an existing account:
// a wrong password leaves its hash alone, and the first successful login
// replaces it by one made with the configured count, which later logins
// accept and keep.
func TestLoginRehash(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	hashOf := func() string {
		t.Helper()
		u, err := st.UserByName(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		return u.PasswordHash
	}

	serverOn(t, st, 500).register(t, "alice", "password123")
	old := hashOf()
	if !strings.HasPrefix(old, "$pbkdf2-sha256$i=500$") {
		t.Fatalf("registered hash %q, want 500 iterations", old)
	}

	s := serverOn(t, st, 1000)
	if r := s.do(t, "POST", "/api/login", credentials("alice", "wrong-password")); r.Code != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d %s", r.Code, r.Body)
	}
	if got := hashOf(); got != old {
		t.Errorf("a wrong password changed the hash to %q", got)
	}

	s.login(t, "alice", "password123")
	rehashed := hashOf()
	if !strings.HasPrefix(rehashed, "$pbkdf2-sha256$i=1000$") {
		t.Fatalf("hash after login %q, want 1000 iterations", rehashed)
	}
	h := &password.Hasher{Iterations: 1000}
	if err := h.Check(ctx, rehashed, "password123"); err != nil {
		t.Errorf("the new hash does not verify the password: %v", err)
	}

	s.login(t, "alice", "password123")
	if got := hashOf(); got != rehashed {
		t.Errorf("a current hash was replaced: %q, then %q", rehashed, got)
	}
	if r := s.do(t, "POST", "/api/login", credentials("alice", "wrong-password")); r.Code != http.StatusUnauthorized {
		t.Errorf("wrong password after the rehash: %d %s", r.Code, r.Body)
	}
}

// TestLoginDoneRehashStale applies a rehash whose old hash is no longer
// the account's: a password changed meanwhile must stay.
func TestLoginDoneRehashStale(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	now := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	u := &authserver.User{Username: "alice", PasswordHash: "$pbkdf2-sha256$i=500$current", CreatedAt: now}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	rt := &authserver.RefreshToken{Hash: "h1", Family: "f1", UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	stale := &authserver.Rehash{UserID: u.ID, Old: "$pbkdf2-sha256$i=500$earlier", New: "$pbkdf2-sha256$i=1000$new"}
	if err := st.LoginDone(ctx, &authserver.LoginAttempt{Account: authserver.ThrottleCounter{Key: "login:alice|client"}, Window: now}, rt, stale); err != nil {
		t.Fatal(err)
	}
	got, err := st.UserByName(ctx, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if got.PasswordHash != u.PasswordHash {
		t.Errorf("a stale rehash replaced %q by %q", u.PasswordHash, got.PasswordHash)
	}
}
