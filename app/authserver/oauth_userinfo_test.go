//go:build !js

package authserver_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestUserinfoMethods: the UserInfo endpoint answers GET and POST (OpenID
// Connect Core §5.3.1). POST takes the token in the Authorization header
// or in a form-encoded access_token body parameter (RFC 6750 §2.2), never
// in both (RFC 6750 §2).
func TestUserinfoMethods(t *testing.T) {
	s := oauthServer(t)
	at, _ := s.tokens(t)
	bearer := []string{"Authorization", "Bearer " + at}
	form := func(kv ...string) string {
		f := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			f.Add(kv[i], kv[i+1])
		}
		return f.Encode()
	}
	for _, c := range []struct {
		name, method, body, contentType string
		header                          []string
		status                          int
		challenge                       string
	}{
		{"GET, header", "GET", "", "", bearer, 200, ""},
		{"POST, header", "POST", "", "", bearer, 200, ""},
		{"POST, header and an unrelated form", "POST", form("claims", "x"), formType, bearer, 200, ""},
		{"POST, body", "POST", form("access_token", at), formType, nil, 200, ""},
		{"POST, body with charset", "POST", form("access_token", at), formType + "; charset=UTF-8", nil, 200, ""},
		{"POST, header and body", "POST", form("access_token", at), formType, bearer, 400, `error="invalid_request"`},
		{"POST, Basic header and body", "POST", form("access_token", at), formType, basicAuth(demoClient, demoSecret), 400, `error="invalid_request"`},
		{"POST, token twice in the body", "POST", form("access_token", at, "access_token", at), formType, nil, 400, `error="invalid_request"`},
		{"POST, empty body token", "POST", form("access_token", ""), formType, nil, 400, `error="invalid_request"`},
		{"POST, body token not a b64token", "POST", form("access_token", at+" x"), formType, nil, 400, `error="invalid_request"`},
		{"POST, bad body token", "POST", form("access_token", "abc.def.ghi"), formType, nil, 401, `error="invalid_token"`},
		{"POST, JSON body is not read", "POST", `{"access_token":"` + at + `"}`, "application/json", nil, 401, `Bearer realm="authlab"`},
		{"POST, no token", "POST", "", "", nil, 401, `Bearer realm="authlab"`},
		{"GET, body is not read", "GET", form("access_token", at), formType, nil, 401, `Bearer realm="authlab"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := append([]string{"Content-Type", "", "Content-Type", c.contentType}, c.header...)
			r := s.do(t, c.method, "/oauth/userinfo", c.body, h...)
			if r.Code != c.status {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			if c.status == 200 && (r.str("sub") == "" || r.str("preferred_username") != "alice") {
				t.Fatalf("%s", r.Body)
			}
			if ch := r.Header().Get("WWW-Authenticate"); !strings.Contains(ch, c.challenge) || (c.status == 200) != (ch == "") {
				t.Errorf("WWW-Authenticate = %q, want %q", ch, c.challenge)
			}
		})
	}
	if r := s.do(t, "PUT", "/oauth/userinfo", "", bearer...); r.Code != http.StatusMethodNotAllowed {
		t.Errorf("PUT: %d, want 405", r.Code)
	}
}
