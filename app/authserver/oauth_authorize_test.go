//go:build !js

package authserver_test

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestAuthorizeShownErrors: when the client or the redirect URI cannot be
// trusted, the error is shown to the user and never sent to the redirect
// URI (RFC 6749 §4.1.2.1), so the endpoint is no open redirector
// (RFC 9700 §4.11).
func TestAuthorizeShownErrors(t *testing.T) {
	s := oauthServer(t)
	for _, c := range []struct {
		name      string
		q         url.Values
		want      string
		malformed bool // /openapi.json refuses the request too
	}{
		{"no client_id", authzParams(set("client_id")), "client_id is missing", true},
		{"unknown client", authzParams(set("client_id", "nobody")), "unknown or expired client_id", false},
		{"no redirect_uri", authzParams(set("redirect_uri")), "redirect_uri is missing", true},
		{"foreign redirect", authzParams(set("redirect_uri", "https://evil.example/oauth/callback")), "not registered", false},
		{"trailing slash", authzParams(set("redirect_uri", callback+"/")), "must match exactly", false},
		{"extra query", authzParams(set("redirect_uri", callback+"?next=/")), "must match exactly", false},
		{"other scheme", authzParams(set("redirect_uri", "https://example.com/oauth/callback")), "not registered", false},
		{"loopback is the demo client's", authzParams(set("redirect_uri", "http://127.0.0.1:9999/callback")), "not registered", false},
		{"loopback other path", authzParams(set("client_id", demoClient), set("redirect_uri", "http://127.0.0.1:9999/other")), "not registered", false},
		{"duplicate client_id", authzParams(set("client_id", webClient, webClient)), "more than once", false},
		{"duplicate redirect_uri", authzParams(set("redirect_uri", callback, "https://evil.example/")), "more than once", false},
		{"duplicate state", authzParams(set("state", "a", "b")), "more than once", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := s.authorize(t, c.q)
			shownError(t, rec, c.want)
			// The consent form would refuse the same request the same way.
			post := s.decide(t, c.q, "approve", "alice", alicePW)
			shownError(t, post, c.want)
			if c.malformed {
				wantRefusedBySpec(t, rec)
				wantRefusedBySpec(t, post)
			}
		})
	}
}

// redirectedErrors are authorization requests whose client and redirect
// URI are valid but which are wrong otherwise, with the error each gets
// (RFC 6749 §4.1.2.1). PKCE is mandatory with S256 only (RFC 7636
// §4.4.1, RFC 9700 §2.1.1).
var redirectedErrors = []struct {
	name, code, desc string
	q                url.Values
}{
	{"no response_type", "unsupported_response_type", "response_type must be code", authzParams(set("response_type"))},
	{"implicit", "unsupported_response_type", "response_type must be code", authzParams(set("response_type", "token"))},
	{"no challenge", "invalid_request", "code_challenge is required", authzParams(set("code_challenge"), set("code_challenge_method"))},
	{"plain", "invalid_request", "code_challenge_method plain is refused", authzParams(set("code_challenge", verifier), set("code_challenge_method", "plain"))},
	{"method missing means plain", "invalid_request", "code_challenge_method must be S256", authzParams(set("code_challenge_method"))},
	{"unknown method", "invalid_request", "code_challenge_method must be S256", authzParams(set("code_challenge_method", "S512"))},
	{"challenge too short", "invalid_request", "code_challenge must be 43 base64url characters", authzParams(set("code_challenge", "abc"))},
	{"challenge not base64url", "invalid_request", "code_challenge must be 43 base64url characters", authzParams(set("code_challenge", strings.Repeat("+", 43)))},
	{"unknown scope", "invalid_scope", `unknown scope "admin"`, authzParams(set("scope", "openid admin"))},
	{"code ttl zero", "invalid_request", "authlab_code_ttl", authzParams(set("authlab_code_ttl", "0"))},
	{"code ttl too long", "invalid_request", "authlab_code_ttl", authzParams(set("authlab_code_ttl", "61"))},
	{"code ttl not a number", "invalid_request", "authlab_code_ttl", authzParams(set("authlab_code_ttl", "1s"))},
}

// TestAuthorizeRedirectedErrors: a built-in client's redirect URIs are
// configured by the operator, so once client and redirect URI are valid,
// errors go back to the client with state and iss (RFC 6749 §4.1.2.1,
// RFC 9207 §2).
func TestAuthorizeRedirectedErrors(t *testing.T) {
	s := oauthServer(t)
	for _, c := range redirectedErrors {
		t.Run(c.name, func(t *testing.T) {
			for _, rec := range []*response{
				s.authorize(t, c.q), s.decide(t, c.q, "approve", "alice", alicePW),
			} {
				back := redirected(t, rec, callback)
				wantRefusedBySpec(t, rec)
				if back.Get("error") != c.code || !strings.Contains(back.Get("error_description"), c.desc) {
					t.Fatalf("error=%q description=%q, want %s containing %q", back.Get("error"), back.Get("error_description"), c.code, c.desc)
				}
				if back.Get("state") != "st4te" || back.Get("iss") != origin || back.Get("code") != "" {
					t.Fatalf("state=%q iss=%q code=%q", back.Get("state"), back.Get("iss"), back.Get("code"))
				}
				if rec.Header().Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control = %q", rec.Header().Get("Cache-Control"))
				}
			}
		})
	}
}

// TestAuthorizeDynamicClientErrors: a dynamically registered client's
// redirect URI is chosen by whoever registered it, so the server does not
// redirect to it before the user has decided on the consent page: every
// error is shown on a 400 page that names the parameter (RFC 9700
// §4.11.2). The user's decision goes back to it.
func TestAuthorizeDynamicClientErrors(t *testing.T) {
	s := oauthServer(t)
	const evil = "https://evil.example/cb"
	dyn := s.registerClient(t, `{"client_name":"Evil","redirect_uris":["`+evil+`"]}`).str("client_id")
	batch := s.registerClient(t, `{"grant_types":["client_credentials"],"redirect_uris":["`+evil+`"]}`).str("client_id")
	cases := []struct {
		name, code, desc string
		q                url.Values
	}{
		{"client without the code grant", "unauthorized_client", "client_id " + batch + " may not use the authorization code grant",
			authzParams(set("client_id", batch))},
	}
	for _, c := range append(cases, redirectedErrors...) {
		t.Run(c.name, func(t *testing.T) {
			q := maps.Clone(c.q)
			if q.Get("client_id") == webClient {
				q.Set("client_id", dyn)
			}
			q.Set("redirect_uri", evil)
			for _, rec := range []*response{
				s.authorize(t, q), s.decide(t, q, "approve", "alice", alicePW),
			} {
				shownError(t, rec, c.code+": "+c.desc)
				if !strings.Contains(rec.Body.String(), "evil.example") {
					t.Errorf("the page does not name the redirect host:\n%s", rec.Body)
				}
			}
		})
	}
	q := authzParams(set("client_id", dyn), set("redirect_uri", evil))
	if page := s.authorize(t, q); page.Code != http.StatusOK || !strings.Contains(page.Body.String(), `id="unverified-client"`) {
		t.Fatalf("consent page for a registered client: %d %s", page.Code, page.Body)
	}
	t.Run("deny goes back", func(t *testing.T) {
		back := redirected(t, s.decide(t, q, "deny", "alice", alicePW), evil)
		if back.Get("error") != "access_denied" || back.Get("state") != "st4te" {
			t.Fatalf("callback %v", back)
		}
	})
	t.Run("approve goes back", func(t *testing.T) {
		if back := redirected(t, s.decide(t, q, "approve", "alice", alicePW), evil); back.Get("code") == "" {
			t.Fatalf("callback %v", back)
		}
	})
}

// TestConsentPage: a valid request shows who asks for what, carries the
// request in hidden fields, and cannot be framed or cached.
func TestConsentPage(t *testing.T) {
	s := oauthServer(t)
	for _, c := range []struct {
		name     string
		q        url.Values
		contains []string
	}{
		{"public client", authzParams(), []string{`id="client-name">Authlab pages`, "<code>openid</code>", `id="redirect-host">example.com`, `name="code_challenge" value="` + challenge}},
		{"default scope", authzParams(set("scope")), []string{"<code>profile</code>"}},
		{"loopback on any port", authzParams(set("client_id", demoClient), set("redirect_uri", "http://127.0.0.1:49152/callback")), []string{`id="redirect-host">127.0.0.1:49152`}},
		{"short-lived code", authzParams(set("authlab_code_ttl", "1")), []string{`name="authlab_code_ttl" value="1"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := s.authorize(t, c.q)
			if rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
			h := rec.Header()
			if h.Get("X-Frame-Options") != "DENY" || h.Get("Cache-Control") != "no-store" ||
				!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
				t.Errorf("headers %v", h)
			}
			for _, want := range c.contains {
				if !strings.Contains(rec.Body.String(), want) {
					t.Errorf("page lacks %q", want)
				}
			}
		})
	}
}

// TestConsentDecision covers the consent form: deny, bad logins, a
// cross-site post, approval with a password and with a session.
func TestConsentDecision(t *testing.T) {
	s := oauthServer(t)
	q := authzParams()
	t.Run("deny", func(t *testing.T) {
		back := redirected(t, s.decide(t, q, "deny", "", ""), callback)
		if back.Get("error") != "access_denied" || back.Get("state") != "st4te" || back.Get("code") != "" {
			t.Fatalf("callback %v", back)
		}
	})
	for _, c := range []struct{ name, user, pw string }{
		{"wrong password", "alice", "wrong password!"},
		{"unknown user", "mallory", alicePW},
		{"no credentials", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := s.decide(t, q, "approve", c.user, c.pw)
			if rec.Code != http.StatusUnauthorized || rec.Header().Get("Location") != "" ||
				!strings.Contains(rec.Body.String(), "wrong username or password") {
				t.Fatalf("%d %q", rec.Code, rec.Header().Get("Location"))
			}
		})
	}
	t.Run("cross-site post", func(t *testing.T) {
		rec := s.decide(t, q, "approve", "alice", alicePW, "Origin", "https://evil.example")
		if rec.Code != http.StatusBadRequest || rec.Header().Get("Location") != "" {
			t.Fatalf("%d %q", rec.Code, rec.Header().Get("Location"))
		}
	})
	t.Run("approve", func(t *testing.T) {
		back := redirected(t, s.decide(t, q, "approve", "alice", alicePW, "Origin", origin), callback)
		if len(back.Get("code")) < 32 || back.Get("state") != "st4te" || back.Get("iss") != origin {
			t.Fatalf("callback %v", back)
		}
	})
	t.Run("no state", func(t *testing.T) {
		back := redirected(t, s.decide(t, authzParams(set("state")), "approve", "alice", alicePW), callback)
		if _, ok := back["state"]; ok || back.Get("code") == "" {
			t.Fatalf("callback %v", back)
		}
	})
	t.Run("session", func(t *testing.T) {
		login := s.do(t, "POST", "/session/login", credentials("alice", alicePW))
		var cookie string
		for _, c := range login.Result().Cookies() {
			cookie = c.Name + "=" + c.Value
		}
		if login.Code != http.StatusOK || cookie == "" {
			t.Fatalf("session login: %d %s", login.Code, login.Body)
		}
		if page := s.raw(t, "GET", "/oauth/authorize?"+q.Encode(), "", "Cookie", cookie); !strings.Contains(page.Body.String(), "Signed in as <strong>alice</strong>") {
			t.Fatalf("consent page does not show the session: %s", page.Body)
		}
		back := redirected(t, s.decide(t, q, "approve", "", "", "Cookie", cookie), callback)
		if back.Get("code") == "" {
			t.Fatalf("callback %v", back)
		}
		s.clock.Advance(9 * time.Hour) // past the session's 8 hours
		if rec := s.decide(t, q, "approve", "", "", "Cookie", cookie); rec.Code != http.StatusUnauthorized {
			t.Fatalf("an expired session approved: %d", rec.Code)
		}
	})
}
