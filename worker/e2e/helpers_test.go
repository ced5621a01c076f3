//go:build e2e

package e2e_test

import (
	"fmt"
	"strings"
	"testing"
)

// session is a registered account with a fresh login.
type account struct {
	name, password string
	access         string
	refresh        string
}

func newAccount(t *testing.T, prefix string) *account {
	t.Helper()
	a := &account{name: uniqueName(prefix), password: "correct horse battery"}
	register(t, a.name, a.password)
	r := call(t, "POST", "/api/login", a.credentials())
	if r.Status != 200 {
		t.Fatalf("login: %d %s", r.Status, r.Raw)
	}
	a.access, _ = r.Body["access_token"].(string)
	a.refresh, _ = r.Body["refresh_token"].(string)
	if a.access == "" || a.refresh == "" {
		t.Fatalf("login did not return both tokens: %s", r.Raw)
	}
	return a
}

func (a *account) credentials() string {
	return fmt.Sprintf(`{"username":%q,"password":%q}`, a.name, a.password)
}

func (a *account) bearer() []string { return []string{"Authorization", "Bearer " + a.access} }

func headerHas(t *testing.T, r reply, name, want string) {
	t.Helper()
	if got := r.Header.Get(name); !strings.Contains(got, want) {
		t.Fatalf("%s = %q, want it to contain %q (status %d, body %s)", name, got, want, r.Status, r.Raw)
	}
}
