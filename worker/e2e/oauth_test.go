//go:build e2e

package e2e_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

const demoSecret = "authlab-demo-secret"

func endpoint() oauth2.Endpoint {
	return oauth2.Endpoint{AuthURL: baseURL + "/oauth/authorize", TokenURL: baseURL + "/oauth/token", AuthStyle: oauth2.AuthStyleInHeader}
}

// callbackServer is a loopback redirect target (RFC 8252 §7.3) that hands
// over the query of the first redirect it receives.
func callbackServer(t *testing.T) (*httptest.Server, <-chan url.Values) {
	got := make(chan url.Values, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case got <- r.URL.Query():
		default:
		}
		w.Write([]byte("<!doctype html><title>done</title><p id=done>done</p>"))
	}))
	t.Cleanup(srv.Close)
	return srv, got
}

// TestOAuthCodeFlowWithXOAuth2 runs golang.org/x/oauth2's authorization
// code flow with PKCE, with chromium logging in and approving on the
// worker's consent page.
func TestOAuthCodeFlowWithXOAuth2(t *testing.T) {
	a := newAccount(t, "oauth")
	cb, got := callbackServer(t)
	conf := &oauth2.Config{ClientID: "authlab-demo", ClientSecret: demoSecret, Endpoint: endpoint(),
		RedirectURL: cb.URL + "/callback", Scopes: []string{"openid", "profile"}}
	verifier := oauth2.GenerateVerifier()
	state := "st-" + uniqueName("")
	authURL := conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oauth2.SetAuthURLParam("nonce", "n-123"))

	ctx := newBrowser(t)
	var client string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(authURL),
		chromedp.Text("#client-name", &client, chromedp.ByQuery),
		chromedp.SendKeys("#username", a.name, chromedp.ByQuery),
		chromedp.SendKeys("#password", a.password, chromedp.ByQuery),
		chromedp.Click("#approve", chromedp.ByQuery),
		chromedp.WaitVisible("#done", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if client != "Authlab demo client" {
		t.Errorf("consent page names client %q", client)
	}
	var q url.Values
	select {
	case q = <-got:
	case <-time.After(10 * time.Second):
		t.Fatal("no redirect reached the callback")
	}
	if q.Get("state") != state || q.Get("iss") != baseURL || q.Get("code") == "" {
		t.Fatalf("callback query %v", q)
	}

	bg := testContext(t)
	tok, err := conf.Exchange(bg, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	if tok.RefreshToken == "" || tok.Extra("id_token") == nil {
		t.Fatalf("token response lacks refresh_token or id_token: %+v", tok)
	}
	if _, err := conf.Exchange(bg, q.Get("code"), oauth2.VerifierOption(verifier)); err == nil ||
		!strings.Contains(err.Error(), "invalid_grant") {
		t.Fatalf("reusing the code: %v", err)
	}

	res, err := conf.Client(bg, tok).Get(baseURL + "/oauth/userinfo")
	if err != nil {
		t.Fatal(err)
	}
	var info map[string]any
	json.NewDecoder(res.Body).Decode(&info)
	res.Body.Close()
	// The code was replayed above, so its tokens were revoked.
	if res.StatusCode != 401 {
		t.Fatalf("userinfo after a code replay: %d %v", res.StatusCode, info)
	}
}

func TestOAuthRefreshIntrospectRevoke(t *testing.T) {
	a := newAccount(t, "oauth2")
	cb, got := callbackServer(t)
	conf := &oauth2.Config{ClientID: "authlab-demo", ClientSecret: demoSecret, Endpoint: endpoint(),
		RedirectURL: cb.URL + "/callback", Scopes: []string{"profile"}}
	verifier := oauth2.GenerateVerifier()
	ctx := newBrowser(t)
	if err := chromedp.Run(ctx,
		chromedp.Navigate(conf.AuthCodeURL("s1", oauth2.S256ChallengeOption(verifier))),
		chromedp.SendKeys("#username", a.name, chromedp.ByQuery),
		chromedp.SendKeys("#password", a.password, chromedp.ByQuery),
		chromedp.Click("#approve", chromedp.ByQuery),
		chromedp.WaitVisible("#done", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	q := <-got
	bg := testContext(t)
	tok, err := conf.Exchange(bg, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	res, err := conf.Client(bg, tok).Get(baseURL + "/oauth/userinfo")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("userinfo: %v %v", res.StatusCode, err)
	}
	res.Body.Close()

	// An expired token makes the library refresh it.
	stale := &oauth2.Token{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)}
	fresh, err := conf.TokenSource(bg, stale).Token()
	if err != nil || fresh.AccessToken == tok.AccessToken || fresh.RefreshToken == tok.RefreshToken {
		t.Fatalf("refresh: %v %+v", err, fresh)
	}

	introspect := func(token string) map[string]any {
		r := formCall(t, "/oauth/introspect", url.Values{"token": {token}}, "authlab-demo", demoSecret)
		if r.Status != 200 {
			t.Fatalf("introspect: %d %s", r.Status, r.Raw)
		}
		return r.Body
	}
	if got := introspect(fresh.AccessToken); got["active"] != true || got["username"] != a.name {
		t.Fatalf("introspect access token: %v", got)
	}
	if got := introspect(fresh.RefreshToken); got["active"] != true {
		t.Fatalf("introspect refresh token: %v", got)
	}
	if got := introspect(tok.RefreshToken); got["active"] != false {
		t.Fatalf("a rotated refresh token is still active: %v", got)
	}
	for _, token := range []string{fresh.AccessToken, fresh.RefreshToken} {
		if r := formCall(t, "/oauth/revoke", url.Values{"token": {token}}, "authlab-demo", demoSecret); r.Status != 200 {
			t.Fatalf("revoke: %d %s", r.Status, r.Raw)
		}
		if got := introspect(token); got["active"] != false {
			t.Fatalf("revoked token is active: %v", got)
		}
	}
	if r := formCall(t, "/oauth/introspect", url.Values{"token": {fresh.AccessToken}}, "authlab-demo", "wrong"); r.Status != 401 {
		t.Fatalf("introspect with a wrong secret: %d %s", r.Status, r.Raw)
	}
}

func TestOAuthClientCredentialsWithXOAuth2(t *testing.T) {
	cc := clientcredentials.Config{ClientID: "authlab-demo", ClientSecret: demoSecret,
		TokenURL: baseURL + "/oauth/token", Scopes: []string{"api"}, AuthStyle: oauth2.AuthStyleInHeader}
	bg := testContext(t)
	res, err := cc.Client(bg).Get(baseURL + "/api/protected")
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	json.NewDecoder(res.Body).Decode(&body)
	res.Body.Close()
	if res.StatusCode != 200 || body["sub"] != "authlab-demo" {
		t.Fatalf("protected with a client_credentials token: %d %v", res.StatusCode, body)
	}
	cc.AuthStyle = oauth2.AuthStyleInParams
	if _, err := cc.Token(bg); err != nil {
		t.Fatalf("client_secret_post: %v", err)
	}
	cc.ClientSecret = "wrong"
	if _, err := cc.Token(bg); err == nil || !strings.Contains(err.Error(), "invalid_client") {
		t.Fatalf("wrong secret: %v", err)
	}
}

func TestOAuthMetadataAdvertisesOnlyWhatWorks(t *testing.T) {
	for _, path := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		r := call(t, "GET", path, "")
		if r.Status != 200 || r.Body["issuer"] != baseURL {
			t.Fatalf("%s: %d %s", path, r.Status, r.Raw)
		}
		methods, _ := json.Marshal(r.Body["code_challenge_methods_supported"])
		if string(methods) != `["S256"]` {
			t.Fatalf("%s: code_challenge_methods_supported = %s", path, methods)
		}
		for _, k := range []string{"token_endpoint", "jwks_uri", "introspection_endpoint", "revocation_endpoint", "registration_endpoint"} {
			u, _ := r.Body[k].(string)
			if u == "" {
				t.Fatalf("%s lacks %s", path, k)
			}
			if k == "jwks_uri" && call(t, "GET", strings.TrimPrefix(u, baseURL), "").Status != 200 {
				t.Fatalf("%s does not answer", u)
			}
		}
	}
}

func TestOAuthAuthorizeRefusals(t *testing.T) {
	client := testClient(t)
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	challenge := "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	for _, tc := range []struct {
		name, query string
		status      int
		errCode     string // in the redirect's query, when redirected
	}{
		{"unknown client", "client_id=nope&redirect_uri=http://127.0.0.1/callback", 400, ""},
		{"unregistered redirect", "client_id=authlab-demo&redirect_uri=https://evil.example/cb&response_type=code&code_challenge=" + challenge + "&code_challenge_method=S256", 400, ""},
		{"no PKCE", "client_id=authlab-demo&redirect_uri=http://127.0.0.1/callback&response_type=code&state=x", 303, "invalid_request"},
		{"plain PKCE", "client_id=authlab-demo&redirect_uri=http://127.0.0.1/callback&response_type=code&code_challenge=" + challenge + "&code_challenge_method=plain", 303, "invalid_request"},
		{"token response type", "client_id=authlab-demo&redirect_uri=http://127.0.0.1/callback&response_type=token", 303, "unsupported_response_type"},
		{"unknown scope", "client_id=authlab-demo&redirect_uri=http://127.0.0.1/callback&response_type=code&scope=admin&code_challenge=" + challenge + "&code_challenge_method=S256", 303, "invalid_scope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := client.Get(baseURL + "/oauth/authorize?" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if tc.errCode != "" {
				loc, _ := url.Parse(res.Header.Get("Location"))
				if loc.Query().Get("error") != tc.errCode || !strings.HasPrefix(loc.String(), "http://127.0.0.1/callback?") {
					t.Fatalf("redirected to %s, want error %s", loc, tc.errCode)
				}
			}
		})
	}
}

// formCall posts a form to an OAuth endpoint with client_secret_basic.
func formCall(t *testing.T, path string, form url.Values, clientID, secret string) reply {
	t.Helper()
	req, _ := http.NewRequest("POST", baseURL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(url.QueryEscape(clientID), url.QueryEscape(secret))
	res, err := http.DefaultClient.Do(sentBy(req, t))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	r := reply{Status: res.StatusCode, Header: res.Header}
	var raw json.RawMessage
	json.NewDecoder(res.Body).Decode(&raw)
	r.Raw = string(raw)
	json.Unmarshal(raw, &r.Body)
	return r
}
