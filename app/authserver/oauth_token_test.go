//go:build !js

package authserver_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// TestTokenClientAuthentication covers RFC 6749 §2.3.1 and the
// invalid_client answers of §5.2: 401, with a Basic challenge when the
// client tried the Authorization header.
func TestTokenClientAuthentication(t *testing.T) {
	// A secret that form-urlencoding changes.
	const odd = "s3cret:with %+&"
	s := oauthServer(t, func(c *authserver.Config) { c.DemoClientSecret = odd })
	cc := url.Values{"grant_type": {"client_credentials"}}
	with := func(kv ...string) url.Values {
		f := url.Values{"grant_type": {"client_credentials"}}
		for i := 0; i+1 < len(kv); i += 2 {
			f.Set(kv[i], kv[i+1])
		}
		return f
	}
	rawBasic := func(cred string) []string {
		return []string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(cred))}
	}
	for _, c := range []struct {
		name      string
		form      url.Values
		header    []string
		status    int
		code      string
		challenge bool
	}{
		{"basic, form-urlencoded", cc, basicAuth(demoClient, odd), 200, "", false},
		{"post", with("client_id", demoClient, "client_secret", odd), nil, 200, "", false},
		{"basic, not urlencoded", cc, rawBasic(demoClient + ":" + odd), 401, "invalid_client", true},
		{"basic, wrong secret", cc, basicAuth(demoClient, "guess"), 401, "invalid_client", true},
		{"basic, unknown client", cc, basicAuth("nobody", "x"), 401, "invalid_client", true},
		{"basic, no colon", cc, rawBasic("authlab-demo"), 401, "invalid_client", true},
		{"basic, not base64", cc, []string{"Authorization", "Basic !!!"}, 401, "invalid_client", true},
		{"basic, bad escape", cc, rawBasic(demoClient + ":%zz"), 401, "invalid_client", true},
		{"post, wrong secret", with("client_id", demoClient, "client_secret", "guess"), nil, 401, "invalid_client", false},
		{"confidential without secret", with("client_id", demoClient), nil, 401, "invalid_client", false},
		{"no client at all", cc, nil, 401, "invalid_client", false},
		{"public client with a secret", with("client_id", webClient, "client_secret", "x"), nil, 401, "invalid_client", false},
		{"two methods", with("client_secret", odd), basicAuth(demoClient, odd), 400, "invalid_request", false},
		{"basic user differs from client_id", with("client_id", webClient), basicAuth(demoClient, odd), 400, "invalid_request", false},
		{"bearer scheme", cc, []string{"Authorization", "Bearer abc"}, 401, "invalid_client", true},
		{"public client, client_credentials", with("client_id", webClient), nil, 400, "unauthorized_client", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.post(t, "/oauth/token", c.form, c.header...)
			if c.status == 200 {
				if r.Code != 200 || r.str("access_token") == "" {
					t.Fatalf("%d %s", r.Code, r.Body)
				}
				return
			}
			wantOAuthError(t, r, c.status, c.code)
			ch := r.Header().Get("WWW-Authenticate")
			if c.challenge != strings.HasPrefix(ch, "Basic realm=") {
				t.Errorf("WWW-Authenticate = %q, want a Basic challenge: %v", ch, c.challenge)
			}
		})
	}
}

// TestTokenRequestErrors covers malformed token requests (RFC 6749 §3.2,
// §5.2).
func TestTokenRequestErrors(t *testing.T) {
	s := oauthServer(t)
	demo := basicAuth(demoClient, demoSecret)
	for _, c := range []struct {
		name   string
		body   string
		header []string
		code   string
	}{
		{"json body", `{"grant_type":"client_credentials"}`, append([]string{"Content-Type", "", "Content-Type", "application/json"}, demo...), "invalid_request"},
		{"no content type", "grant_type=client_credentials", append([]string{"Content-Type", ""}, demo...), "invalid_request"},
		{"text/plain", "grant_type=client_credentials", append([]string{"Content-Type", "", "Content-Type", "text/plain"}, demo...), "invalid_request"},
		{"duplicate grant_type", "grant_type=client_credentials&grant_type=client_credentials", demo, "invalid_request"},
		{"duplicate scope", "grant_type=client_credentials&scope=api&scope=api", demo, "invalid_request"},
		{"no grant_type", "scope=api", demo, "invalid_request"},
		{"password grant", "grant_type=password&username=alice&password=x", demo, "unsupported_grant_type"},
		{"implicit as a grant", "grant_type=implicit", demo, "unsupported_grant_type"},
		{"device code", "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code", demo, "unsupported_grant_type"},
		{"public client, unsupported grant", "grant_type=password&client_id=authlab-web", nil, "unsupported_grant_type"},
		{"scope beyond api", "grant_type=client_credentials&scope=openid", demo, "invalid_scope"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := append([]string{"Content-Type", "", "Content-Type", formType}, c.header...)
			r := s.do(t, "POST", "/oauth/token", c.body, h...)
			wantOAuthError(t, r, http.StatusBadRequest, c.code)
			wantRefusedBySpec(t, r)
			if r.Header().Get("Pragma") != "no-cache" {
				t.Errorf("Pragma = %q", r.Header().Get("Pragma"))
			}
		})
	}
	if r := s.do(t, "GET", "/oauth/token?grant_type=client_credentials", ""); r.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET /oauth/token: %d", r.Code)
	} else {
		wantRefusedBySpec(t, r)
	}
}

// TestCodeGrant checks the code exchange (RFC 6749 §4.1.3, RFC 7636 §4.5):
// the success, then every invalid_grant.
func TestCodeGrant(t *testing.T) {
	s := oauthServer(t)
	t.Run("success", func(t *testing.T) {
		r := s.exchange(t, s.code(t))
		if r.Code != 200 || r.str("token_type") != "Bearer" || r.JSON["expires_in"] != float64(900) ||
			r.str("refresh_token") == "" || r.str("id_token") == "" || r.str("scope") != "openid profile api" {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		if r.Header().Get("Cache-Control") != "no-store" || r.Header().Get("Pragma") != "no-cache" {
			t.Errorf("headers %v", r.Header())
		}
	})
	t.Run("no id_token without openid", func(t *testing.T) {
		r := s.exchange(t, s.code(t, set("scope", "profile")))
		if r.Code != 200 || r.str("id_token") != "" {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
	other := strings.Repeat("A", 43)
	for _, c := range []struct {
		name      string
		mod       func(url.Values)
		status    int
		code      string
		desc      string
		malformed bool // /openapi.json refuses the request too
	}{
		{"no code", set("code"), 400, "invalid_request", "code is missing", true},
		{"no redirect_uri", set("redirect_uri"), 400, "invalid_request", "redirect_uri is missing", true},
		{"no verifier", set("code_verifier"), 400, "invalid_request", "code_verifier is missing", true},
		{"unknown code", set("code", "not-a-code"), 400, "invalid_grant", "unknown authorization code", false},
		{"wrong verifier", set("code_verifier", other), 400, "invalid_grant", "does not match", false},
		{"verifier too short", set("code_verifier", "abc"), 400, "invalid_grant", "43 to 128", true},
		{"verifier too long", set("code_verifier", strings.Repeat("a", 129)), 400, "invalid_grant", "43 to 128", true},
		{"verifier bad character", set("code_verifier", strings.Repeat("a", 42)+"+"), 400, "invalid_grant", "43 to 128", true},
		{"challenge as verifier", set("code_verifier", challenge), 400, "invalid_grant", "does not match", false},
		{"other redirect", set("redirect_uri", callback+"?x=1"), 400, "invalid_grant", "redirect_uri differs", false},
		{"other client", func(f url.Values) { f.Set("client_id", demoClient); f.Set("client_secret", demoSecret) }, 400, "invalid_grant", "another client", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			code := s.code(t)
			r := s.exchange(t, code, c.mod)
			wantOAuthError(t, r, c.status, c.code)
			if c.malformed {
				wantRefusedBySpec(t, r)
			}
			if !strings.Contains(r.str("error_description"), c.desc) {
				t.Errorf("description %q lacks %q", r.str("error_description"), c.desc)
			}
			if c.code == "invalid_grant" && c.name != "unknown code" {
				// The first attempt spent the code, even though it failed.
				if r := s.exchange(t, code); r.Code != 400 || r.str("error") != "invalid_grant" {
					t.Fatalf("retry with the right parameters: %d %s", r.Code, r.Body)
				}
			}
		})
	}
}

// TestCodeLifetime: codes live 60 s, or the authlab_code_ttl asked for.
func TestCodeLifetime(t *testing.T) {
	s := oauthServer(t)
	for _, c := range []struct {
		name  string
		mod   func(url.Values)
		after time.Duration
		ok    bool
	}{
		{"59 s", set("state", "x"), 59 * time.Second, true},
		{"61 s", set("state", "x"), 61 * time.Second, false},
		{"ttl 1, 2 s later", set("authlab_code_ttl", "1"), 2 * time.Second, false},
		{"ttl 1, at once", set("authlab_code_ttl", "1"), 0, true},
		{"ttl 30, 29 s later", set("authlab_code_ttl", "30"), 29 * time.Second, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			code := s.code(t, c.mod)
			s.clock.Advance(c.after)
			r := s.exchange(t, code)
			if c.ok != (r.Code == 200) {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if !c.ok && (r.str("error") != "invalid_grant" || !strings.Contains(r.str("error_description"), "expired")) {
				t.Fatalf("%s", r.Body)
			}
		})
	}
}

// TestCodeLifetimeAdvertised: the metadata's authlab_code_ttl is how long
// a code asked for without authlab_code_ttl lives, so that a client's
// countdown reaches zero when the server starts refusing the code.
func TestCodeLifetimeAdvertised(t *testing.T) {
	s := oauthServer(t)
	meta := s.do(t, "GET", "/.well-known/oauth-authorization-server", "")
	secs, ok := meta.JSON["authlab_code_ttl"].(float64)
	if !ok || secs < 1 {
		t.Fatalf("authlab_code_ttl %v in %s", meta.JSON["authlab_code_ttl"], meta.Body)
	}
	ttl := time.Duration(secs) * time.Second
	for _, c := range []struct {
		name  string
		after time.Duration
		ok    bool
	}{
		{"a second before", ttl - time.Second, true},
		{"a second after", ttl + time.Second, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			code := s.code(t)
			s.clock.Advance(c.after)
			if r := s.exchange(t, code); c.ok != (r.Code == 200) {
				t.Fatalf("%v after issue: %d %s", c.after, r.Code, r.Body)
			}
		})
	}
}

// TestCodeReuse: a code redeemed twice revokes the tokens issued from it
// (RFC 6749 §4.1.2, §10.5).
func TestCodeReuse(t *testing.T) {
	s := oauthServer(t)
	code := s.code(t)
	first := s.exchange(t, code)
	if first.Code != 200 {
		t.Fatalf("%d %s", first.Code, first.Body)
	}
	again := s.exchange(t, code)
	wantOAuthError(t, again, 400, "invalid_grant")
	if !strings.Contains(again.str("error_description"), "already used") {
		t.Errorf("description %q", again.str("error_description"))
	}
	if r := s.do(t, "GET", "/oauth/userinfo", "", "Authorization", "Bearer "+first.str("access_token")); r.Code != 401 {
		t.Errorf("the first access token still works at userinfo: %d", r.Code)
	}
	r := s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {first.str("refresh_token")}, "client_id": {webClient}})
	wantOAuthError(t, r, 400, "invalid_grant")
}
