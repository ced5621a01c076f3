//go:build !js

package authserver_test

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// tamper changes the character at i to another base64url character that
// keeps the segment decodable.
func tamper(tok string, i int) string {
	c := byte('A')
	if tok[i] == 'A' {
		c = 'B'
	}
	return tok[:i] + string(c) + tok[i+1:]
}

func TestBearer(t *testing.T) {
	s := newServer(t, 1000)
	user := s.register(t, "alice", "password123")
	tok := s.login(t, "alice", "password123")
	parts := strings.Split(tok, ".")
	payloadMid := len(parts[0]) + 1 + len(parts[1])/2
	sigMid := len(parts[0]) + len(parts[1]) + 2 + len(parts[2])/2

	// Tokens the server never issued.
	now := s.clock.Now()
	claims := map[string]any{"iss": "http://example.com", "aud": "authlab", "sub": user.str("id"),
		"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": "x"}
	attacker, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	attacker.Kid = s.key.Kid
	forged, err := jot.Sign(claims, "ES256", attacker, nil)
	if err != nil {
		t.Fatal(err)
	}
	jwks := s.do(t, "GET", "/.well-known/jwks.json", "").Body.Bytes()
	enc := base64.RawURLEncoding
	input := enc.EncodeToString([]byte(`{"alg":"HS256","kid":"`+s.key.Kid+`"}`)) + "." + parts[1]
	mac := hmac.New(sha256.New, jwks)
	mac.Write([]byte(input))
	confused := input + "." + enc.EncodeToString(mac.Sum(nil))
	none := enc.EncodeToString([]byte(`{"alg":"none"}`)) + "." + parts[1] + "."

	tests := []struct {
		name      string
		header    []string // Authorization values
		status    int
		challenge string // the WWW-Authenticate error attribute; "-" for none
	}{
		{name: "valid", header: []string{"Bearer " + tok}, status: 200},
		{name: "scheme in lower case", header: []string{"bearer " + tok}, status: 200},
		{name: "missing", status: 401, challenge: "-"},
		{name: "other scheme", header: []string{"Basic YWxpY2U6cGFzc3dvcmQxMjM="}, status: 401, challenge: "-"},
		{name: "scheme only", header: []string{"Bearer"}, status: 400, challenge: "invalid_request"},
		{name: "empty token", header: []string{"Bearer "}, status: 400, challenge: "invalid_request"},
		{name: "two spaces", header: []string{"Bearer  " + tok}, status: 400, challenge: "invalid_request"},
		{name: "space inside", header: []string{"Bearer " + parts[0] + ". " + parts[1]}, status: 400, challenge: "invalid_request"},
		{name: "quoted", header: []string{`Bearer "` + tok + `"`}, status: 400, challenge: "invalid_request"},
		{name: "two headers", header: []string{"Bearer " + tok, "Bearer " + tok}, status: 400, challenge: "invalid_request"},
		{name: "payload tampered", header: []string{"Bearer " + tamper(tok, payloadMid)}, status: 401, challenge: "invalid_token"},
		{name: "signature tampered", header: []string{"Bearer " + tamper(tok, sigMid)}, status: 401, challenge: "invalid_token"},
		{name: "last character tampered", header: []string{"Bearer " + tamper(tok, len(tok)-1)}, status: 401, challenge: "invalid_token"},
		{name: "not a JWT", header: []string{"Bearer abc"}, status: 401, challenge: "invalid_token"},
		{name: "signed by another key under our kid", header: []string{"Bearer " + forged}, status: 401, challenge: "invalid_token"},
		{name: "HS256 keyed with the JWKS", header: []string{"Bearer " + confused}, status: 401, challenge: "invalid_token"},
		{name: "alg none", header: []string{"Bearer " + none}, status: 401, challenge: "invalid_token"},
	}
	for _, path := range []string{"/api/protected", "/api/profile"} {
		for _, tt := range tests {
			t.Run(path+"/"+tt.name, func(t *testing.T) {
				var header []string
				for _, v := range tt.header {
					header = append(header, "Authorization", v)
				}
				r := s.do(t, "GET", path, "", header...)
				if r.Code != tt.status {
					t.Fatalf("%d %s, want %d", r.Code, r.Body, tt.status)
				}
				if tt.challenge == "-" {
					// No Bearer credentials: the document requires them.
					wantRefusedBySpec(t, r)
				}
				challenge := r.Header().Get("WWW-Authenticate")
				switch tt.challenge {
				case "":
					if path == "/api/protected" && r.str("sub") != user.str("id") {
						t.Errorf("sub %q, want %q", r.str("sub"), user.str("id"))
					}
					if path == "/api/profile" && r.str("username") != "alice" {
						t.Errorf("profile %s", r.Body)
					}
				case "-":
					// RFC 6750 §3.1: no error code when no token was sent.
					if challenge != `Bearer realm="authlab"` {
						t.Errorf("WWW-Authenticate %q", challenge)
					}
				default:
					if !strings.HasPrefix(challenge, `Bearer realm="authlab", error="`+tt.challenge+`"`) || r.str("error") != tt.challenge {
						t.Errorf("WWW-Authenticate %q, error %q; want %s", challenge, r.str("error"), tt.challenge)
					}
				}
			})
		}
	}
}

// TestBearerExpiry moves the clock past the token's exp, within and then
// beyond the 30-second leeway.
func TestBearerExpiry(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	tok := s.login(t, "alice", "password123")
	auth := []string{"Authorization", "Bearer " + tok}
	steps := []struct {
		advance time.Duration
		status  int
	}{
		{14 * time.Minute, 200},
		{time.Minute + 20*time.Second, 200}, // 20 s after exp: within leeway
		{20 * time.Second, 401},             // 40 s after exp
	}
	for _, st := range steps {
		s.clock.Advance(st.advance)
		r := s.do(t, "GET", "/api/protected", "", auth...)
		if r.Code != st.status {
			t.Fatalf("at %s: %d %s, want %d", s.clock.Now().Format(time.TimeOnly), r.Code, r.Body, st.status)
		}
		if st.status == http.StatusUnauthorized {
			if c := r.Header().Get("WWW-Authenticate"); !strings.Contains(c, `error="invalid_token"`) || !strings.Contains(c, "expired") {
				t.Errorf("WWW-Authenticate %q", c)
			}
		}
	}
	// A token issued in the future (clock skew beyond leeway) is refused
	// too: move the clock back.
	s.clock.Advance(-time.Hour)
	if r := s.do(t, "GET", "/api/protected", "", auth...); r.Code != http.StatusUnauthorized || r.str("error") != "invalid_token" {
		t.Errorf("before iat: %d %s", r.Code, r.Body)
	}
}

// TestBearerClaims signs tokens with the server's own key but with claims
// it would not issue: each must be refused, except where noted.
func TestBearerClaims(t *testing.T) {
	s := newServer(t, 1000)
	user := s.register(t, "alice", "password123")
	now := s.clock.Now()
	good := func() map[string]any {
		return map[string]any{"iss": "http://example.com", "aud": "authlab", "sub": user.str("id"),
			"iat": now.Unix(), "exp": now.Add(time.Minute).Unix(), "jti": "j", "scope": "profile api"}
	}
	tests := []struct {
		name      string
		edit      func(map[string]any)
		protected int // status of /api/protected
		profile   int // status of /api/profile
		typ       any // the header's typ; at+jwt when nil
	}{
		{"as issued", func(map[string]any) {}, 200, 200, nil},
		{"aud in an array", func(c map[string]any) { c["aud"] = []string{"other", "authlab"} }, 200, 200, nil},
		{"other audience", func(c map[string]any) { c["aud"] = "other" }, 401, 401, nil},
		{"other issuer", func(c map[string]any) { c["iss"] = "https://evil.example" }, 401, 401, nil},
		{"no exp", func(c map[string]any) { delete(c, "exp") }, 401, 401, nil},
		{"no jti", func(c map[string]any) { delete(c, "jti") }, 401, 401, nil},
		{"no sub", func(c map[string]any) { delete(c, "sub") }, 401, 401, nil},
		{"exp a string", func(c map[string]any) { c["exp"] = "soon" }, 401, 401, nil},
		{"not yet valid", func(c map[string]any) { c["nbf"] = now.Add(time.Hour).Unix() }, 401, 401, nil},
		{"unknown user", func(c map[string]any) { c["sub"] = "999999" }, 200, 401, nil},
		{"sub not an id", func(c map[string]any) { c["sub"] = "alice" }, 200, 401, nil},
		{"scope without api", func(c map[string]any) { c["scope"] = "profile" }, 403, 200, nil},
		{"scope without profile", func(c map[string]any) { c["scope"] = "api" }, 200, 403, nil},
		{"scope a prefix of profile", func(c map[string]any) { c["scope"] = "prof api" }, 200, 403, nil},
		{"no scope", func(c map[string]any) { delete(c, "scope") }, 403, 403, nil},
		{"scope not a string", func(c map[string]any) { c["scope"] = []string{"profile", "api"} }, 403, 403, nil},
		{"typ JWT, as an ID token", func(map[string]any) {}, 401, 401, "JWT"},
		{"no typ", func(map[string]any) {}, 401, 401, ""},
		{"typ application/at+jwt", func(map[string]any) {}, 200, 200, "application/at+jwt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good()
			tt.edit(c)
			header := map[string]any{"typ": "at+jwt"}
			if tt.typ != nil {
				header["typ"] = tt.typ
			}
			if tt.typ == "" {
				header = nil
			}
			tok, err := jot.Sign(c, "ES256", s.key, header)
			if err != nil {
				t.Fatal(err)
			}
			for _, rt := range []struct {
				path, scope string
				want        int
			}{{"/api/protected", "api", tt.protected}, {"/api/profile", "profile", tt.profile}} {
				r := s.do(t, "GET", rt.path, "", "Authorization", "Bearer "+tok)
				if r.Code != rt.want {
					t.Errorf("%s: %d %s, want %d", rt.path, r.Code, r.Body, rt.want)
				}
				challenge := r.Header().Get("WWW-Authenticate")
				if rt.want == 401 && !strings.Contains(challenge, `error="invalid_token"`) {
					t.Errorf("%s: WWW-Authenticate %q", rt.path, challenge)
				}
				if rt.want == 403 && (!strings.Contains(challenge, `error="insufficient_scope"`) || !strings.Contains(challenge, `scope="`+rt.scope+`"`)) {
					t.Errorf("%s: WWW-Authenticate %q, want insufficient_scope with scope=%q (RFC 6750 §3.1)", rt.path, challenge, rt.scope)
				}
			}
		})
	}
	// An ES256 token under a kid the server does not know.
	other, _ := keys.GenerateEC("P-256", rand.Reader)
	tok, _ := jot.Sign(good(), "ES256", other, nil)
	if r := s.do(t, "GET", "/api/protected", "", "Authorization", "Bearer "+tok); r.Code != 401 || r.str("error") != "invalid_token" {
		t.Errorf("unknown kid: %d %s", r.Code, r.Body)
	}
}

// TestRememberedTokenChecksIssuer checks that a token the server has
// verified, and remembers, is still checked against the issuer of each
// request: presented at another origin, its iss does not match.
func TestRememberedTokenChecksIssuer(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	auth := []string{"Authorization", "Bearer " + s.login(t, "alice", "password123")}
	for i := 0; i < 2; i++ {
		if r := s.do(t, "GET", "/api/protected", "", auth...); r.Code != http.StatusOK {
			t.Fatalf("use %d: %d %s", i, r.Code, r.Body)
		}
	}
	r := s.do(t, "GET", "http://elsewhere.example/api/protected", "", auth...)
	if r.Code != http.StatusUnauthorized || !strings.Contains(r.Header().Get("WWW-Authenticate"), "iss") {
		t.Errorf("at another origin: %d %s %q", r.Code, r.Body, r.Header().Get("WWW-Authenticate"))
	}
}
