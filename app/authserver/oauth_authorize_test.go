//go:build !js

package authserver_test

import (
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
			if rec.Code != http.StatusBadRequest || rec.Header().Get("Location") != "" {
				t.Fatalf("%d Location %q, want a 400 page", rec.Code, rec.Header().Get("Location"))
			}
			if body := rec.Body.String(); !strings.Contains(body, `id="authz-error"`) || !strings.Contains(body, c.want) {
				t.Fatalf("page does not say %q:\n%s", c.want, body)
			}
			// The consent form would refuse the same request the same way.
			post := s.decide(t, c.q, "approve", "alice", alicePW)
			if post.Code != http.StatusBadRequest || post.Header().Get("Location") != "" {
				t.Fatalf("consent POST: %d Location %q", post.Code, post.Header().Get("Location"))
			}
			if c.malformed {
				wantRefusedBySpec(t, rec)
				wantRefusedBySpec(t, post)
			}
		})
	}
}

// TestAuthorizeRedirectedErrors: once client and redirect URI are valid,
// errors go back to the client with state and iss (RFC 6749 §4.1.2.1,
// RFC 9207 §2), and PKCE is mandatory with S256 only (RFC 7636 §4.4.1,
// RFC 9700 §2.1.1).
func TestAuthorizeRedirectedErrors(t *testing.T) {
	s := oauthServer(t)
	for _, c := range []struct {
		name, code, desc string
		q                url.Values
	}{
		{"no response_type", "unsupported_response_type", "response_type must be code", authzParams(set("response_type"))},
		{"implicit", "unsupported_response_type", "response_type must be code", authzParams(set("response_type", "token"))},
		{"no challenge", "invalid_request", "code_challenge is required", authzParams(set("code_challenge"), set("code_challenge_method"))},
		{"plain", "invalid_request", "plain is refused", authzParams(set("code_challenge", verifier), set("code_challenge_method", "plain"))},
		{"method missing means plain", "invalid_request", "must be S256", authzParams(set("code_challenge_method"))},
		{"unknown method", "invalid_request", "must be S256", authzParams(set("code_challenge_method", "S512"))},
		{"challenge too short", "invalid_request", "43 base64url characters", authzParams(set("code_challenge", "abc"))},
		{"challenge not base64url", "invalid_request", "43 base64url characters", authzParams(set("code_challenge", strings.Repeat("+", 43)))},
		{"unknown scope", "invalid_scope", `unknown scope "admin"`, authzParams(set("scope", "openid admin"))},
		{"code ttl zero", "invalid_request", "authlab_code_ttl", authzParams(set("authlab_code_ttl", "0"))},
		{"code ttl too long", "invalid_request", "authlab_code_ttl", authzParams(set("authlab_code_ttl", "61"))},
		{"code ttl not a number", "invalid_request", "authlab_code_ttl", authzParams(set("authlab_code_ttl", "1s"))},
	} {
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

// TestAuthorizeUnauthorizedClient: a client registered without the
// authorization code grant is told so at its redirect URI.
func TestAuthorizeUnauthorizedClient(t *testing.T) {
	s := oauthServer(t)
	reg := s.do(t, "POST", "/oauth/register", `{"client_name":"batch","grant_types":["client_credentials"],"redirect_uris":["https://batch.example/cb"]}`)
	if reg.Code != http.StatusCreated {
		t.Fatalf("register: %d %s", reg.Code, reg.Body)
	}
	back := redirected(t, s.authorize(t, authzParams(set("client_id", reg.str("client_id")), set("redirect_uri", "https://batch.example/cb"))), "https://batch.example/cb")
	if back.Get("error") != "unauthorized_client" {
		t.Fatalf("callback %v", back)
	}
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
