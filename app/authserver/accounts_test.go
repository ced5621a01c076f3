//go:build !js

package authserver_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func TestRegister(t *testing.T) {
	s := newServer(t, 1000)
	first := s.register(t, "alice", "password123")
	if first.str("username") != "alice" || first.str("id") == "" {
		t.Errorf("register answered %s", first.Body)
	}
	if got, _ := first.JSON["created_at"].(float64); int64(got) != s.clock.Now().Unix() {
		t.Errorf("created_at %v, want the clock's %d", first.JSON["created_at"], s.clock.Now().Unix())
	}
	if strings.Contains(first.Body.String(), "password") || strings.Contains(first.Body.String(), "pbkdf2") {
		t.Errorf("the answer shows the password or its hash: %s", first.Body)
	}
	big := `{"username":"bob","password":"` + strings.Repeat("a", 70<<10) + `"}`
	tests := []struct {
		name        string
		body        string
		contentType string // "" keeps application/json; "-" sends none
		status      int
		code        string
		malformed   bool // /openapi.json refuses the request too
	}{
		{name: "another user", body: credentials("bob.smith_2", "password123"), status: 201},
		{name: "no content type", body: credentials("carol", "password123"), contentType: "-", status: 415, code: "unsupported_media_type", malformed: true},
		{name: "json with charset", body: credentials("dave", "password123"), contentType: "application/json; charset=utf-8", status: 201},
		{name: "duplicate", body: credentials("alice", "password456"), status: 409, code: "conflict"},
		{name: "duplicate in another case", body: credentials("ALICE", "password456"), status: 409, code: "conflict"},
		{name: "missing username", body: `{"password":"password123"}`, status: 400, code: "invalid_request", malformed: true},
		{name: "missing password", body: `{"username":"erin"}`, status: 400, code: "invalid_request", malformed: true},
		{name: "empty username", body: credentials("", "password123"), status: 400, code: "invalid_request", malformed: true},
		{name: "null password", body: `{"username":"erin","password":null}`, status: 400, code: "invalid_request", malformed: true},
		{name: "short username", body: credentials("ab", "password123"), status: 400, code: "invalid_request", malformed: true},
		{name: "long username", body: credentials(strings.Repeat("a", 65), "password123"), status: 400, code: "invalid_request", malformed: true},
		{name: "username with a space", body: credentials("al ice", "password123"), status: 400, code: "invalid_request", malformed: true},
		{name: "username with a slash", body: credentials("../admin", "password123"), status: 400, code: "invalid_request", malformed: true},
		{name: "username not ASCII", body: credentials("ålice", "password123"), status: 400, code: "invalid_request", malformed: true},
		{name: "weak password", body: credentials("frank", "short"), status: 400, code: "invalid_request", malformed: true},
		{name: "username a number", body: `{"username":42,"password":"password123"}`, status: 400, code: "invalid_request", malformed: true},
		{name: "malformed JSON", body: `{"username":"gina","password":`, status: 400, code: "invalid_request", malformed: true},
		{name: "syntax error", body: `{"username" "gina"}`, status: 400, code: "invalid_request", malformed: true},
		{name: "array body", body: `["gina","password123"]`, status: 400, code: "invalid_request", malformed: true},
		{name: "data after the object", body: credentials("gina", "password123") + `{}`, status: 400, code: "invalid_request", malformed: true},
		{name: "empty body", body: ``, status: 400, code: "invalid_request", malformed: true},
		{name: "invalid UTF-8", body: "{\"username\":\"gina\",\"password\":\"pass\xffword1\"}", status: 400, code: "invalid_request"},
		{name: "text/plain", body: credentials("hank", "password123"), contentType: "text/plain", status: 415, code: "unsupported_media_type", malformed: true},
		{name: "form", body: "username=hank&password=password123", contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type", malformed: true},
		{name: "broken content type", body: credentials("hank", "password123"), contentType: "application/json; =", status: 415, code: "unsupported_media_type"},
		{name: "oversized body", body: big, status: 413, code: "request_too_large", malformed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var header []string
			switch tt.contentType {
			case "":
			case "-":
				header = []string{"Content-Type", ""}
			default:
				header = []string{"Content-Type", ""}
				header = append(header, "Content-Type", tt.contentType)
			}
			r := s.do(t, "POST", "/api/register", tt.body, header...)
			if r.Code != tt.status || r.str("error") != tt.code {
				t.Fatalf("%d %s, want %d %q", r.Code, r.Body, tt.status, tt.code)
			}
			if tt.malformed {
				wantRefusedBySpec(t, r)
			}
			if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

func TestLogin(t *testing.T) {
	s := newServer(t, 1000)
	user := s.register(t, "alice", "password123")
	tests := []struct {
		name   string
		body   string
		status int
		code   string
	}{
		{"right password", credentials("alice", "password123"), 200, ""},
		{"name in another case", credentials("ALICE", "password123"), 200, ""},
		{"wrong password", credentials("alice", "password124"), 401, "invalid_credentials"},
		{"unknown user", credentials("mallory", "password123"), 401, "invalid_credentials"},
		{"missing password", `{"username":"alice"}`, 400, "invalid_request"},
		{"malformed JSON", `{"username":`, 400, "invalid_request"},
	}
	descriptions := map[string]bool{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := s.do(t, "POST", "/api/login", tt.body)
			if r.Code != tt.status || r.str("error") != tt.code {
				t.Fatalf("%d %s, want %d %q", r.Code, r.Body, tt.status, tt.code)
			}
			if tt.status == http.StatusBadRequest {
				wantRefusedBySpec(t, r)
			}
			if tt.status == 401 {
				descriptions[r.str("error_description")] = true
				return
			}
			if tt.status != 200 {
				return
			}
			if r.str("token_type") != "Bearer" || r.str("access_token") == "" {
				t.Errorf("token response %s", r.Body)
			}
			if exp, _ := r.JSON["expires_in"].(float64); exp != 900 {
				t.Errorf("expires_in %v, want the default 900", r.JSON["expires_in"])
			}
			if cc := r.Header().Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q, RFC 6749 §5.1 wants no-store", cc)
			}
			// The token verifies against the published keys, with the
			// claims RFC 9068 asks for.
			set, err := keys.ParseSet(s.do(t, "GET", "/.well-known/jwks.json", "").Body.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			tok, err := jot.Verify(r.str("access_token"), jot.KeySet{Set: set},
				jot.WithTimeFunc(s.clock.Now), jot.WithAlgorithms("ES256"), jot.WithAudience("authlab"),
				jot.WithIssuer("http://example.com"), jot.WithRequiredClaims("exp", "iat", "jti", "sub"))
			if err != nil {
				t.Fatalf("access token: %v", err)
			}
			if tok.Claims["sub"] != user.str("id") || tok.Header["kid"] != s.key.Kid {
				t.Errorf("claims %v, header %v", tok.Claims, tok.Header)
			}
		})
	}
	// Wrong password and unknown user read the same.
	if len(descriptions) != 1 {
		t.Errorf("401 descriptions differ: %v", descriptions)
	}
}

// TestLoginThrottle checks that repeated failures are refused with 429
// and Retry-After, and that the window passes.
func TestLoginThrottle(t *testing.T) {
	s := newServer(t, 1000, func(c *authserver.Config) { c.LoginFailuresPerAccount = 3 })
	s.register(t, "alice", "password123")
	for i := 0; i < 3; i++ {
		if r := s.do(t, "POST", "/api/login", credentials("alice", "wrong-password")); r.Code != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, r.Code)
		}
	}
	r := s.do(t, "POST", "/api/login", credentials("alice", "password123"))
	if r.Code != http.StatusTooManyRequests || r.Header().Get("Retry-After") == "" {
		t.Fatalf("after 3 failures: %d, Retry-After %q", r.Code, r.Header().Get("Retry-After"))
	}
	s.clock.Advance(16 * time.Minute)
	s.login(t, "alice", "password123")
}
