//go:build !js

package authserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func refreshForm(token string, kv ...string) url.Values {
	f := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {token}, "client_id": {webClient}}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			f.Del(kv[i])
		} else {
			f.Set(kv[i], kv[i+1])
		}
	}
	return f
}

// TestRefreshGrant covers RFC 6749 §6 with rotation (RFC 9700 §4.14.2).
func TestRefreshGrant(t *testing.T) {
	s := oauthServer(t)
	t.Run("rotation and reuse", func(t *testing.T) {
		_, rt1 := s.tokens(t)
		r := s.post(t, "/oauth/token", refreshForm(rt1))
		rt2 := r.str("refresh_token")
		if r.Code != 200 || rt2 == "" || rt2 == rt1 || r.str("scope") != "openid profile api" {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		again := s.post(t, "/oauth/token", refreshForm(rt1))
		wantOAuthError(t, again, 400, "invalid_grant")
		// Reuse revoked the family: the rotated token is dead too.
		wantOAuthError(t, s.post(t, "/oauth/token", refreshForm(rt2)), 400, "invalid_grant")
	})
	t.Run("narrower scope", func(t *testing.T) {
		_, rt := s.tokens(t)
		r := s.post(t, "/oauth/token", refreshForm(rt, "scope", "profile"))
		if r.Code != 200 || r.str("scope") != "profile" || r.str("id_token") != "" {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
	for _, c := range []struct {
		name      string
		kv        []string
		code      string
		malformed bool // /openapi.json refuses the request too
	}{
		{"wider scope", []string{"scope", "openid admin"}, "invalid_scope", true},
		{"no refresh_token", []string{"refresh_token", ""}, "invalid_request", true},
		{"unknown refresh_token", []string{"refresh_token", "nope"}, "invalid_grant", false},
		{"access token as refresh token", nil, "invalid_grant", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			at, rt := s.tokens(t)
			f := refreshForm(rt, c.kv...)
			if c.name == "access token as refresh token" {
				f.Set("refresh_token", at)
			}
			r := s.post(t, "/oauth/token", f)
			wantOAuthError(t, r, 400, c.code)
			if c.malformed {
				wantRefusedBySpec(t, r)
			}
		})
	}
	t.Run("another client's refresh token", func(t *testing.T) {
		_, rt := s.tokens(t)
		r := s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, basicAuth(demoClient, demoSecret)...)
		wantOAuthError(t, r, 400, "invalid_grant")
		if !strings.Contains(r.str("error_description"), "another client") {
			t.Errorf("description %q", r.str("error_description"))
		}
		// The attempt did not spend it: its own client still can.
		if r := s.post(t, "/oauth/token", refreshForm(rt)); r.Code != 200 {
			t.Fatalf("owner refresh: %d %s", r.Code, r.Body)
		}
	})
}

// TestClientCredentialsGrant covers RFC 6749 §4.4: a token for the client
// itself, with no refresh token (§4.4.3).
func TestClientCredentialsGrant(t *testing.T) {
	s := oauthServer(t)
	for _, c := range []struct {
		name   string
		form   url.Values
		header []string
	}{
		{"basic", url.Values{"grant_type": {"client_credentials"}}, basicAuth(demoClient, demoSecret)},
		{"post", url.Values{"grant_type": {"client_credentials"}, "client_id": {demoClient}, "client_secret": {demoSecret}}, nil},
		{"scope api", url.Values{"grant_type": {"client_credentials"}, "scope": {"api"}}, basicAuth(demoClient, demoSecret)},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.post(t, "/oauth/token", c.form, c.header...)
			if r.Code != 200 || r.str("scope") != "api" || r.str("refresh_token") != "" || r.JSON["expires_in"] != float64(900) {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			p := s.do(t, "GET", "/api/protected", "", "Authorization", "Bearer "+r.str("access_token"))
			if p.Code != http.StatusOK || p.JSON["sub"] != demoClient {
				t.Fatalf("protected: %d %s", p.Code, p.Body)
			}
			// A client's own token is no user's: userinfo refuses it.
			u := s.do(t, "GET", "/oauth/userinfo", "", "Authorization", "Bearer "+r.str("access_token"))
			if u.Code != http.StatusForbidden || !strings.Contains(u.Header().Get("WWW-Authenticate"), `error="insufficient_scope"`) {
				t.Fatalf("userinfo: %d %s", u.Code, u.Body)
			}
		})
	}
}
