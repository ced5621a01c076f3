//go:build e2e

package e2e_test

import (
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
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

// TestLoginThrottleParallel sends 40 wrong guesses at one account at
// once, from one client. Each attempt is counted before its password is
// checked, so exactly the limit's worth is checked and refused with 401,
// and every other guess is answered 429 with Retry-After.
func TestLoginThrottleParallel(t *testing.T) {
	const limit, guesses = 5, 40
	a := newAccount(t, "par")
	wrong := fmt.Sprintf(`{"username":%q,"password":"not the password"}`, a.name)
	type answer struct {
		status int
		retry  string
		err    error
	}
	answers := make([]answer, guesses)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, err := http.NewRequest("POST", baseURL+"/api/login", strings.NewReader(wrong))
			if err != nil {
				answers[i].err = err
				return
			}
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("CF-Connecting-IP", "203.0.113.140")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				answers[i].err = err
				return
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			answers[i] = answer{status: res.StatusCode, retry: res.Header.Get("Retry-After")}
		}()
	}
	wg.Wait()
	statuses := map[int]int{}
	for _, an := range answers {
		if an.err != nil {
			t.Fatal(an.err)
		}
		statuses[an.status]++
		if an.status == 429 {
			if s, err := strconv.Atoi(an.retry); err != nil || s < 1 || s > 15*60 {
				t.Errorf("429 with Retry-After %q", an.retry)
			}
		}
	}
	if statuses[401] != limit || statuses[429] != guesses-limit {
		t.Errorf("statuses %v, want %d × 401 and %d × 429", statuses, limit, guesses-limit)
	}
}

// TestLoginThrottleIPv6Per64 guesses from a new address of one IPv6 /64
// each time: the edge names each client, and the throttle counts the /64,
// so the guesses stop at the limit; the next /64 is another client.
func TestLoginThrottleIPv6Per64(t *testing.T) {
	a := newAccount(t, "six")
	wrong := fmt.Sprintf(`{"username":%q,"password":"not the password"}`, a.name)
	for i := 1; i <= 5; i++ {
		from := fmt.Sprintf("2001:db8:141:0:%x::%x", i*0x1111, i)
		if r := call(t, "POST", "/api/login", wrong, "CF-Connecting-IP", from); r.Status != 401 {
			t.Fatalf("guess %d from %s: %d %s", i, from, r.Status, r.Raw)
		}
	}
	if r := call(t, "POST", "/api/login", wrong, "CF-Connecting-IP", "2001:db8:141::ffff:ffff"); r.Status != 429 || r.Header.Get("Retry-After") == "" {
		t.Fatalf("a sixth address of the /64: %d %s", r.Status, r.Raw)
	}
	if r := call(t, "POST", "/api/login", wrong, "CF-Connecting-IP", "2001:db8:142::1"); r.Status != 401 {
		t.Fatalf("the next /64: %d %s", r.Status, r.Raw)
	}
}
