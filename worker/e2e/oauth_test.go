//go:build e2e

package e2e_test

import (
	"encoding/json"
	"io"
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

// approveInBrowser has chromium open authURL, log in as a and approve on
// the consent page, and returns the query of the redirect that reached the
// callback server.
func approveInBrowser(t *testing.T, authURL string, a *account, got <-chan url.Values) url.Values {
	t.Helper()
	if err := chromedp.Run(newBrowser(t),
		chromedp.Navigate(authURL),
		chromedp.SendKeys("#username", a.name, chromedp.ByQuery),
		chromedp.SendKeys("#password", a.password, chromedp.ByQuery),
		clickSteady("#approve"),
		chromedp.WaitVisible("#done", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	select {
	case q := <-got:
		return q
	case <-time.After(10 * time.Second):
		t.Fatal("no redirect reached the callback")
		return nil
	}
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
		clickSteady("#approve"),
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
		RedirectURL: cb.URL + "/callback", Scopes: []string{"openid"}}
	verifier := oauth2.GenerateVerifier()
	q := approveInBrowser(t, conf.AuthCodeURL("s1", oauth2.S256ChallengeOption(verifier)), a, got)
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
	// OpenID Connect Core §5.3.1: POST too, with the token in the header
	// or in a form body (RFC 6750 §2.2), not both.
	for _, c := range []struct {
		name, body string
		header     bool
		status     int
	}{
		{"header", "", true, 200},
		{"form body", url.Values{"access_token": {tok.AccessToken}}.Encode(), false, 200},
		{"header and form body", url.Values{"access_token": {tok.AccessToken}}.Encode(), true, 400},
	} {
		req, _ := http.NewRequest("POST", baseURL+"/oauth/userinfo", strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if c.header {
			req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var info map[string]any
		json.NewDecoder(res.Body).Decode(&info)
		res.Body.Close()
		if res.StatusCode != c.status || (c.status == 200) != (info["preferred_username"] == a.name) {
			t.Fatalf("POST userinfo, %s: %d %v", c.name, res.StatusCode, info)
		}
	}

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
		// RFC 7009 §2.1: another client may not revoke the token.
		if r := formCall(t, "/oauth/revoke", url.Values{"token": {token}}, "authlab-web", ""); r.Status != 400 || r.Body["error"] != "unauthorized_client" {
			t.Fatalf("revoke as another client: %d %s", r.Status, r.Raw)
		}
		if got := introspect(token); got["active"] != true {
			t.Fatalf("a refused revocation revoked the token: %v", got)
		}
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

// TestOAuthRedirectTrust: the pages' client matches its callback on any
// port of the loopback origin that wrangler dev serves (RFC 8252 §7.3),
// and a registered client's errors are shown, never redirected to its
// redirect URI (RFC 9700 §4.11.2).
func TestOAuthRedirectTrust(t *testing.T) {
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	const challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	other := "53682"
	if u, _ := url.Parse(baseURL); u.Port() == other {
		other = "53683"
	}
	reg := call(t, "POST", "/oauth/register", `{"client_name":"e2e","redirect_uris":["https://evil.example/cb"]}`, "CF-Connecting-IP", "198.51.100.61")
	dyn, _ := reg.Body["client_id"].(string)
	if reg.Status != 201 || dyn == "" {
		t.Fatalf("register: %d %s", reg.Status, reg.Raw)
	}
	pkce := "&code_challenge=" + challenge + "&code_challenge_method=S256"
	for _, tc := range []struct {
		name, query string
		status      int
		want        string
	}{
		{"web callback on another loopback port", "client_id=authlab-web&response_type=code&redirect_uri=http://127.0.0.1:" + other + "/oauth/callback" + pkce, 200, `id="client-name"`},
		{"registered client, bad response_type", "client_id=" + dyn + "&response_type=x&redirect_uri=https://evil.example/cb" + pkce, 400, "response_type must be code"},
		{"registered client, no PKCE", "client_id=" + dyn + "&response_type=code&redirect_uri=https://evil.example/cb", 400, "code_challenge is required"},
		{"registered client, bad scope", "client_id=" + dyn + "&response_type=code&scope=admin&redirect_uri=https://evil.example/cb" + pkce, 400, "invalid_scope"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := client.Get(baseURL + "/oauth/authorize?" + tc.query)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != tc.status || res.Header.Get("Location") != "" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				t.Fatalf("%d %s Location %q, want %d HTML", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Location"), tc.status)
			}
			if !strings.Contains(string(body), tc.want) {
				t.Fatalf("the page does not say %q:\n%s", tc.want, body)
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
