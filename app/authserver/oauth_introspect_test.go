//go:build !js

package authserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// introspect asks as the confidential demo client, unless header says
// otherwise.
func (s *testServer) introspect(t *testing.T, token string, header ...string) *response {
	t.Helper()
	if header == nil {
		header = basicAuth(demoClient, demoSecret)
	}
	return s.post(t, "/oauth/introspect", url.Values{"token": {token}}, header...)
}

func wantInactive(t *testing.T, r *response) {
	t.Helper()
	if r.Code != 200 || len(r.JSON) != 1 || r.JSON["active"] != false {
		t.Fatalf("got %d %s, want exactly {\"active\":false} (RFC 7662 §2.2)", r.Code, r.Body)
	}
}

// TestIntrospectionAuth: RFC 7662 §2.1 requires the caller to be
// authorized, so a public client's id alone is not enough.
func TestIntrospectionAuth(t *testing.T) {
	s := oauthServer(t)
	at, _ := s.tokens(t)
	for _, c := range []struct {
		name      string
		form      url.Values
		header    []string
		status    int
		code      string
		challenge bool
	}{
		{"no client", url.Values{"token": {at}}, nil, 401, "invalid_client", false},
		{"public client", url.Values{"token": {at}, "client_id": {webClient}}, nil, 401, "invalid_client", false},
		{"public client via basic", url.Values{"token": {at}}, basicAuth(webClient, ""), 401, "invalid_client", true},
		{"wrong secret", url.Values{"token": {at}}, basicAuth(demoClient, "guess"), 401, "invalid_client", true},
		{"no token", url.Values{}, basicAuth(demoClient, demoSecret), 400, "invalid_request", false},
		{"duplicate token", url.Values{"token": {at, at}}, basicAuth(demoClient, demoSecret), 400, "invalid_request", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.post(t, "/oauth/introspect", c.form, c.header...)
			wantOAuthError(t, r, c.status, c.code)
			if c.name == "no token" {
				wantRefusedBySpec(t, r)
			}
			if got := strings.HasPrefix(r.Header().Get("WWW-Authenticate"), "Basic "); got != c.challenge {
				t.Errorf("WWW-Authenticate = %q", r.Header().Get("WWW-Authenticate"))
			}
		})
	}
	if r := s.do(t, "POST", "/oauth/introspect", `{"token":"x"}`, basicAuth(demoClient, demoSecret)...); r.Code != 400 || r.str("error") != "invalid_request" {
		t.Errorf("JSON body: %d %s", r.Code, r.Body)
	} else {
		wantRefusedBySpec(t, r)
	}
}

// TestIntrospection covers RFC 7662 §2.2 answers.
func TestIntrospection(t *testing.T) {
	s := oauthServer(t)
	at, rt := s.tokens(t)
	t.Run("active access token", func(t *testing.T) {
		r := s.introspect(t, at)
		if r.Code != 200 || r.JSON["active"] != true || r.str("client_id") != webClient || r.str("username") != "alice" ||
			r.str("scope") != "openid profile api" || r.str("token_type") != "Bearer" || r.JSON["exp"] == nil {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		if r.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control = %q", r.Header().Get("Cache-Control"))
		}
	})
	t.Run("client_secret_post", func(t *testing.T) {
		r := s.post(t, "/oauth/introspect", url.Values{"token": {at}, "client_id": {demoClient}, "client_secret": {demoSecret}})
		if r.Code != 200 || r.JSON["active"] != true {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
	for _, c := range []struct{ name, token string }{
		{"unknown opaque token", "no-such-token"},
		{"garbage JWT", "a.b.c"},
		{"tampered JWT", at[:len(at)-4] + "AAAA"},
		// The demo client may not learn about another client's refresh
		// token.
		{"another client's refresh token", rt},
	} {
		t.Run(c.name, func(t *testing.T) { wantInactive(t, s.introspect(t, c.token)) })
	}
	t.Run("own refresh token", func(t *testing.T) {
		code := s.code(t, set("client_id", demoClient))
		r := s.post(t, "/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
			"redirect_uri": {callback}, "code_verifier": {verifier}}, basicAuth(demoClient, demoSecret)...)
		if r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		own := r.str("refresh_token")
		if got := s.introspect(t, own); got.JSON["active"] != true || got.str("token_type") != "refresh_token" || got.str("client_id") != demoClient {
			t.Fatalf("%s", got.Body)
		}
		// Rotation marks it used: inactive from then on.
		if r := s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {own}}, basicAuth(demoClient, demoSecret)...); r.Code != 200 {
			t.Fatalf("refresh: %d %s", r.Code, r.Body)
		}
		wantInactive(t, s.introspect(t, own))
	})
	t.Run("expired access token", func(t *testing.T) {
		s.clock.Advance(15*time.Minute + 31*time.Second) // past exp and the 30 s leeway
		wantInactive(t, s.introspect(t, at))
	})
}

// TestRevocation covers RFC 7009.
func TestRevocation(t *testing.T) {
	s := oauthServer(t)
	revoke := func(token string, header ...string) *response {
		f := url.Values{"token": {token}}
		if header == nil {
			f.Set("client_id", webClient)
		}
		return s.post(t, "/oauth/revoke", f, header...)
	}
	t.Run("unknown token is 200", func(t *testing.T) {
		if r := revoke("no-such-token"); r.Code != 200 || r.Body.Len() != 0 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
	t.Run("errors", func(t *testing.T) {
		noToken := s.post(t, "/oauth/revoke", url.Values{"client_id": {webClient}})
		wantOAuthError(t, noToken, 400, "invalid_request")
		wantRefusedBySpec(t, noToken)
		wantOAuthError(t, s.post(t, "/oauth/revoke", url.Values{"token": {"x"}}), 401, "invalid_client")
		wantOAuthError(t, s.post(t, "/oauth/revoke", url.Values{"token": {"x"}}, basicAuth(demoClient, "guess")...), 401, "invalid_client")
	})
	t.Run("refresh token takes its family", func(t *testing.T) {
		_, rt1 := s.tokens(t)
		r := s.post(t, "/oauth/token", refreshForm(rt1))
		rt2 := r.str("refresh_token")
		if r := revoke(rt2); r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		wantOAuthError(t, s.post(t, "/oauth/token", refreshForm(rt2)), 400, "invalid_grant")
		wantOAuthError(t, s.post(t, "/oauth/token", refreshForm(rt1)), 400, "invalid_grant")
	})
	t.Run("access token refused afterwards", func(t *testing.T) {
		at, _ := s.tokens(t)
		if r := s.do(t, "GET", "/oauth/userinfo", "", "Authorization", "Bearer "+at); r.Code != 200 || r.str("preferred_username") != "alice" {
			t.Fatalf("userinfo before: %d %s", r.Code, r.Body)
		}
		if r := revoke(at); r.Code != 200 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		wantInactive(t, s.introspect(t, at))
		r := s.do(t, "GET", "/oauth/userinfo", "", "Authorization", "Bearer "+at)
		if r.Code != 401 || !strings.Contains(r.Header().Get("WWW-Authenticate"), `error="invalid_token"`) {
			t.Fatalf("userinfo after: %d %s %q", r.Code, r.Body, r.Header().Get("WWW-Authenticate"))
		}
	})
}

// TestRevocationByAnotherClient: the server checks that a token was
// issued to the client that revokes it and refuses the request otherwise
// (RFC 7009 §2.1), with an RFC 6749 §5.2 error (§2.2.1); the token stays
// valid. A token that is no longer valid is answered 200 whoever asks
// (§2.2).
func TestRevocationByAnotherClient(t *testing.T) {
	s := oauthServer(t)
	dyn := s.registerClient(t, `{"redirect_uris":["https://app.example/cb"]}`)
	for _, c := range []struct {
		name, kind string
		spent      bool // revoked by its own client first
		client     []string
		status     int
	}{
		{"own access token", "access", false, nil, 200},
		{"own refresh token", "refresh", false, nil, 200},
		{"access token, built-in client", "access", false, basicAuth(demoClient, demoSecret), 400},
		{"refresh token, built-in client", "refresh", false, basicAuth(demoClient, demoSecret), 400},
		{"access token, registered client", "access", false, basicAuth(dyn.str("client_id"), dyn.str("client_secret")), 400},
		{"refresh token, registered client", "refresh", false, basicAuth(dyn.str("client_id"), dyn.str("client_secret")), 400},
		{"revoked access token", "access", true, basicAuth(demoClient, demoSecret), 200},
		{"revoked refresh token", "refresh", true, basicAuth(demoClient, demoSecret), 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			at, rt := s.tokens(t)
			token := map[string]string{"access": at, "refresh": rt}[c.kind]
			own := url.Values{"token": {token}, "client_id": {webClient}}
			if c.spent {
				if r := s.post(t, "/oauth/revoke", own); r.Code != 200 {
					t.Fatalf("revoke as the owner: %d %s", r.Code, r.Body)
				}
			}
			form := own
			if c.client != nil {
				form = url.Values{"token": {token}}
			}
			r := s.post(t, "/oauth/revoke", form, c.client...)
			if c.status != 200 {
				wantOAuthError(t, r, c.status, "unauthorized_client")
			} else if r.Code != 200 || r.Body.Len() != 0 {
				t.Fatalf("%d %s, want an empty 200", r.Code, r.Body)
			}
			// A refused request leaves the token valid.
			wantValid := c.status != 200
			valid := s.introspect(t, at).JSON["active"] == true
			if c.kind == "refresh" {
				valid = s.post(t, "/oauth/token", refreshForm(rt)).Code == 200
			}
			if valid != wantValid {
				t.Errorf("%s token valid = %v afterwards, want %v", c.kind, valid, wantValid)
			}
		})
	}
}

// TestUserinfo covers OpenID Connect Core §5.3 with RFC 6750 §3
// challenges.
func TestUserinfo(t *testing.T) {
	s := oauthServer(t)
	at, _ := s.tokens(t)
	profileOnly := s.exchange(t, s.code(t, set("scope", "api"))).str("access_token")
	for _, c := range []struct {
		name, auth string
		status     int
		challenge  string
	}{
		{"ok", "Bearer " + at, 200, ""},
		{"no token", "", 401, `Bearer realm="authlab"`},
		{"garbage", "Bearer abc.def.ghi", 401, `error="invalid_token"`},
		{"api scope only", "Bearer " + profileOnly, 403, `error="insufficient_scope"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var h []string
			if c.auth != "" {
				h = []string{"Authorization", c.auth}
			}
			r := s.do(t, "GET", "/oauth/userinfo", "", h...)
			if r.Code != c.status {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if c.status == 200 && (r.str("sub") == "" || r.str("preferred_username") != "alice") {
				t.Fatalf("%s", r.Body)
			}
			if ch := r.Header().Get("WWW-Authenticate"); !strings.Contains(ch, c.challenge) {
				t.Errorf("WWW-Authenticate = %q, want %q", ch, c.challenge)
			}
		})
	}
	if r := s.do(t, "GET", "/oauth/userinfo", "", "Authorization", "Bearer "+at); r.Code != http.StatusOK {
		t.Fatalf("%d", r.Code)
	}
}
