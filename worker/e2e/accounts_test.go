//go:build e2e

package e2e_test

import (
	"fmt"
	"strconv"
	"testing"
)

func TestRefreshRotationAndReuse(t *testing.T) {
	a := newAccount(t, "rot")
	first := a.refresh
	r := call(t, "POST", "/api/refresh", fmt.Sprintf(`{"refresh_token":%q}`, first))
	if r.Status != 200 {
		t.Fatalf("refresh: %d %s", r.Status, r.Raw)
	}
	second, _ := r.Body["refresh_token"].(string)
	if second == "" || second == first {
		t.Fatalf("the refresh token was not rotated: %s", r.Raw)
	}
	if tok, _ := r.Body["access_token"].(string); call(t, "GET", "/api/profile", "", "Authorization", "Bearer "+tok).Status != 200 {
		t.Fatal("the refreshed access token does not work")
	}
	// Presenting the spent token again is a reuse: the whole family goes.
	r = call(t, "POST", "/api/refresh", fmt.Sprintf(`{"refresh_token":%q}`, first))
	if r.Status != 400 || r.Body["error"] != "invalid_grant" {
		t.Fatalf("reuse: %d %s", r.Status, r.Raw)
	}
	r = call(t, "POST", "/api/refresh", fmt.Sprintf(`{"refresh_token":%q}`, second))
	if r.Status != 400 || r.Body["error"] != "invalid_grant" {
		t.Fatalf("the family's newest token survived a reuse: %d %s", r.Status, r.Raw)
	}
	r = call(t, "POST", "/api/refresh", `{"refresh_token":"made-up"}`)
	if r.Status != 400 || r.Body["error"] != "invalid_grant" {
		t.Fatalf("unknown token: %d %s", r.Status, r.Raw)
	}
}

func TestLoginThrottleCannotLockOutTheOwner(t *testing.T) {
	a := newAccount(t, "thr")
	wrong := fmt.Sprintf(`{"username":%q,"password":"not the password"}`, a.name)
	attacker := []string{"CF-Connecting-IP", "203.0.113.77"}
	for i := 0; i < 5; i++ {
		if r := call(t, "POST", "/api/login", wrong, attacker...); r.Status != 401 {
			t.Fatalf("guess %d: %d %s", i+1, r.Status, r.Raw)
		}
	}
	r := call(t, "POST", "/api/login", a.credentials(), attacker...)
	if r.Status != 429 || r.Body["error"] != "too_many_requests" {
		t.Fatalf("after 5 failures: %d %s", r.Status, r.Raw)
	}
	if s, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || s < 1 || s > 15*60 {
		t.Fatalf("Retry-After = %q", r.Header.Get("Retry-After"))
	}
	owner := []string{"CF-Connecting-IP", "198.51.100.20"}
	if r := call(t, "POST", "/api/login", a.credentials(), owner...); r.Status != 200 {
		t.Fatalf("the owner, from another client, was locked out: %d %s", r.Status, r.Raw)
	}
}
