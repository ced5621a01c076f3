//go:build !js

package authserver_test

import (
	"encoding/base64"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/oauth"
)

// The built-in clients as httptest requests see them: the server's origin
// is http://example.com.
const (
	webClient  = authserver.WebClientID
	demoClient = authserver.DemoClientID
	demoSecret = authserver.DefaultDemoClientSecret
	origin     = "http://example.com"
	callback   = origin + "/oauth/callback"
	formType   = "application/x-www-form-urlencoded"
	// The verifier and challenge of RFC 7636 Appendix B.
	verifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	alicePW   = "correct horse battery"
)

// oauthServer is a test server with the account alice.
func oauthServer(t *testing.T, mod ...func(*authserver.Config)) *testServer {
	t.Helper()
	s := newServer(t, 1000, mod...)
	s.register(t, "alice", alicePW)
	return s
}

// post sends an application/x-www-form-urlencoded body.
func (s *testServer) post(t *testing.T, path string, form url.Values, header ...string) *response {
	t.Helper()
	return s.do(t, "POST", path, form.Encode(), append([]string{"Content-Type", "", "Content-Type", formType}, header...)...)
}

// basicAuth is the client_secret_basic header of RFC 6749 §2.3.1.
func basicAuth(id, secret string) []string {
	u, p := oauth.ClientSecretBasic(id, secret)
	return []string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(u+":"+p))}
}

// authzParams is a valid authorization request for the public client.
func authzParams(mod ...func(url.Values)) url.Values {
	q := url.Values{
		"response_type": {"code"}, "client_id": {webClient}, "redirect_uri": {callback},
		"state": {"st4te"}, "scope": {"openid profile api"},
		"code_challenge": {challenge}, "code_challenge_method": {"S256"},
	}
	for _, m := range mod {
		m(q)
	}
	return q
}

func set(k string, v ...string) func(url.Values) {
	return func(q url.Values) {
		if len(v) == 0 {
			q.Del(k)
		} else {
			q[k] = v
		}
	}
}

// raw serves a request whose answer may be HTML or a redirect.
func (s *testServer) raw(t *testing.T, method, target, body string, header ...string) *response {
	t.Helper()
	var req *http.Request
	if body == "" {
		req = httptest.NewRequest(method, target, nil)
	} else {
		req = httptest.NewRequest(method, target, strings.NewReader(body))
		req.Header.Set("Content-Type", formType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	return s.serve(t, req)
}

// authorize GETs the authorization endpoint.
func (s *testServer) authorize(t *testing.T, q url.Values) *response {
	t.Helper()
	return s.raw(t, "GET", "/oauth/authorize?"+q.Encode(), "")
}

// decide posts the consent form as the browser does after the user acts.
func (s *testServer) decide(t *testing.T, q url.Values, decision, user, pw string, header ...string) *response {
	t.Helper()
	f := url.Values{}
	for k, v := range q {
		f[k] = v
	}
	f.Set("decision", decision)
	if user != "" {
		f.Set("username", user)
		f.Set("password", pw)
	}
	return s.raw(t, "POST", "/oauth/authorize", f.Encode(), header...)
}

// redirected returns the query of a 303 to want's redirect URI, failing
// otherwise.
func redirected(t *testing.T, rec *response, redirect string) url.Values {
	t.Helper()
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want 303; body %s", rec.Code, rec.Body)
	}
	loc, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != redirect {
		t.Fatalf("redirected to %s, want %s", got, redirect)
	}
	return loc.Query()
}

// shownError checks that an authorization request was refused with a
// 400 HTML page that says want and sends the browser nowhere
// (RFC 9700 §4.11.2).
func shownError(t *testing.T, rec *response, want string) {
	t.Helper()
	if rec.Code != http.StatusBadRequest || rec.Header().Get("Location") != "" ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("%d %s Location %q, want a 400 page", rec.Code, rec.Header().Get("Content-Type"), rec.Header().Get("Location"))
	}
	if body := rec.Body.String(); !strings.Contains(body, `id="authz-error"`) || !strings.Contains(html.UnescapeString(body), want) {
		t.Fatalf("page does not say %q:\n%s", want, body)
	}
}

// registerClient registers a client dynamically (RFC 7591) from the
// JSON metadata, failing the test otherwise.
func (s *testServer) registerClient(t *testing.T, metadata string, header ...string) *response {
	t.Helper()
	r := s.do(t, "POST", "/oauth/register", metadata, header...)
	if r.Code != http.StatusCreated || r.str("client_id") == "" {
		t.Fatalf("register %s: %d %s", metadata, r.Code, r.Body)
	}
	return r
}

// code runs the consent as alice and returns the authorization code.
func (s *testServer) code(t *testing.T, mod ...func(url.Values)) string {
	t.Helper()
	q := authzParams(mod...)
	back := redirected(t, s.decide(t, q, "approve", "alice", alicePW), q.Get("redirect_uri"))
	if back.Get("code") == "" || back.Get("state") != q.Get("state") {
		t.Fatalf("callback %v", back)
	}
	return back.Get("code")
}

// exchange redeems a code for the public client.
func (s *testServer) exchange(t *testing.T, code string, mod ...func(url.Values)) *response {
	t.Helper()
	f := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {callback},
		"code_verifier": {verifier}, "client_id": {webClient}}
	for _, m := range mod {
		m(f)
	}
	return s.post(t, "/oauth/token", f)
}

// tokens runs the whole authorization code flow for the public client.
func (s *testServer) tokens(t *testing.T) (access, refresh string) {
	t.Helper()
	r := s.exchange(t, s.code(t))
	if r.Code != http.StatusOK {
		t.Fatalf("exchange: %d %s", r.Code, r.Body)
	}
	return r.str("access_token"), r.str("refresh_token")
}

// wantOAuthError checks an RFC 6749 §5.2 error answer.
func wantOAuthError(t *testing.T, r *response, status int, code string) {
	t.Helper()
	if r.Code != status || r.str("error") != code {
		t.Fatalf("got %d %s, want %d %s", r.Code, r.Body, status, code)
	}
	if cc := r.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store (RFC 6749 §5.1)", cc)
	}
}
