//go:build e2e

package e2e_test

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
)

// TestScopesAndRevocationInWorkerd checks, in workerd with D1, that a
// client approved for openid alone cannot touch the user's API keys (403
// insufficient_scope, RFC 6750 §3.1); that one approved for the keys
// scopes can, until its token is revoked (RFC 7009); and that its refresh
// token is refused at the first-party /api/refresh.
func TestScopesAndRevocationInWorkerd(t *testing.T) {
	a := newAccount(t, "scopes")
	bg := testContext(t)
	tokenFor := func(scopes ...string) *oauth2.Token {
		t.Helper()
		cb, got := callbackServer(t)
		conf := &oauth2.Config{ClientID: "authlab-demo", ClientSecret: demoSecret, Endpoint: endpoint(),
			RedirectURL: cb.URL + "/callback", Scopes: scopes}
		verifier := oauth2.GenerateVerifier()
		q := approveInBrowser(t, conf.AuthCodeURL("s-"+uniqueName(""), oauth2.S256ChallengeOption(verifier)), a, got)
		tok, err := conf.Exchange(bg, q.Get("code"), oauth2.VerifierOption(verifier))
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	bearer := func(tok *oauth2.Token) []string { return []string{"Authorization", "Bearer " + tok.AccessToken} }

	narrow := tokenFor("openid")
	for _, rt := range []struct{ method, path, body, scope string }{
		{"POST", "/api/keys", `{"daily_quota":100000}`, "keys:write"},
		{"GET", "/api/keys", "", "keys:read"},
		{"DELETE", "/api/keys/1", "", "keys:write"},
		{"GET", "/api/profile", "", "profile"},
	} {
		r := call(t, rt.method, rt.path, rt.body, bearer(narrow)...)
		if r.Status != 403 || r.Body["error"] != "insufficient_scope" {
			t.Errorf("%s %s with an openid token: %d %s, want 403", rt.method, rt.path, r.Status, r.Raw)
		}
		headerHas(t, r, "WWW-Authenticate", `scope="`+rt.scope+`"`)
	}

	wide := tokenFor("openid", "profile", "keys:read", "keys:write")
	made := call(t, "POST", "/api/keys", `{"name":"by a client"}`, bearer(wide)...)
	if made.Status != 201 {
		t.Fatalf("create a key with keys:write: %d %s", made.Status, made.Raw)
	}
	id, _ := made.Body["id"].(string)
	if r := call(t, "POST", "/api/refresh", `{"refresh_token":"`+wide.RefreshToken+`"}`); r.Status != 400 || r.Body["error"] != "invalid_grant" {
		t.Errorf("a client's refresh token at /api/refresh: %d %s, want 400 invalid_grant", r.Status, r.Raw)
	}
	if r := formCall(t, "/oauth/revoke", url.Values{"token": {wide.AccessToken}}, "authlab-demo", demoSecret); r.Status != 200 {
		t.Fatalf("revoke: %d %s", r.Status, r.Raw)
	}
	for _, rt := range []struct{ method, path, body string }{
		{"POST", "/api/keys", `{"name":"after revocation"}`},
		{"GET", "/api/keys", ""},
		{"DELETE", "/api/keys/" + id, ""},
		{"GET", "/api/profile", ""},
		{"GET", "/oauth/userinfo", ""},
	} {
		r := call(t, rt.method, rt.path, rt.body, bearer(wide)...)
		if r.Status != 401 || !strings.Contains(r.Header.Get("WWW-Authenticate"), "revoked") {
			t.Errorf("%s %s with a revoked token: %d %s %q, want 401 naming the revocation", rt.method, rt.path, r.Status, r.Raw, r.Header.Get("WWW-Authenticate"))
		}
	}
	// The key the client made is still the user's, and still live.
	list := call(t, "GET", "/api/keys", "", a.bearer()...)
	if list.Status != 200 || !strings.Contains(list.Raw, `"id":"`+id+`"`) || strings.Contains(list.Raw, `"revoked":true`) {
		t.Errorf("the user's keys after the client's revocation: %d %s", list.Status, list.Raw)
	}
}
