//go:build !js

package authserver_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/authserver"
)

// TestProtectedBody checks that /api/protected, which writes its answer by
// hand, answers byte for byte what encoding the claims map with
// encoding/json gives, for the tokens of a login and of client_credentials.
func TestProtectedBody(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	cc := s.do(t, "POST", "/oauth/token", "grant_type=client_credentials",
		"Content-Type", "", "Content-Type", "application/x-www-form-urlencoded",
		"Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("authlab-demo:authlab-demo-secret")))
	for name, tok := range map[string]string{"login": s.login(t, "alice", "password123"), "client_credentials": cc.str("access_token")} {
		t.Run(name, func(t *testing.T) {
			r := s.do(t, "GET", "/api/protected", "", "Authorization", "Bearer "+tok)
			if r.Code != 200 {
				t.Fatalf("%d %s", r.Code, r.Body)
			}
			payload, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[1])
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(payload))
			dec.UseNumber()
			var claims map[string]any
			if err := dec.Decode(&claims); err != nil {
				t.Fatal(err)
			}
			var want bytes.Buffer
			json.NewEncoder(&want).Encode(map[string]any{
				"message": "you hold a valid Bearer token",
				"sub":     claims["sub"],
				"scope":   claims["scope"],
				"claims":  claims,
			})
			if got := r.Body.String(); got != want.String() {
				t.Errorf("body\n%s\nwant\n%s", got, want.String())
			}
			if ct := r.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}
}

// TestAccessTokenPayload checks that access tokens, whose claims are
// encoded from a struct, read as if encoded from a map: sorted keys, and
// exactly the claims of RFC 9068 §2.2 with preferred_username for an
// account and client_id for a client.
func TestAccessTokenPayload(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	cc := s.do(t, "POST", "/oauth/token", "grant_type=client_credentials",
		"Content-Type", "", "Content-Type", "application/x-www-form-urlencoded",
		"Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte("authlab-demo:authlab-demo-secret")))
	// RFC 9068 §2.2: every access token names its client, the first-party
	// login included.
	tests := []struct {
		name, tok, clientID string
		keys                []string
	}{
		{"login", s.login(t, "alice", "password123"), authserver.LoginClientID, []string{"aud", "client_id", "exp", "iat", "iss", "jti", "preferred_username", "scope", "sub"}},
		{"client_credentials", cc.str("access_token"), authserver.DemoClientID, []string{"aud", "client_id", "exp", "iat", "iss", "jti", "scope", "sub"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			payload, err := base64.RawURLEncoding.DecodeString(strings.Split(tt.tok, ".")[1])
			if err != nil {
				t.Fatal(err)
			}
			dec := json.NewDecoder(bytes.NewReader(payload))
			dec.UseNumber()
			var claims map[string]any
			if err := dec.Decode(&claims); err != nil {
				t.Fatal(err)
			}
			if again, _ := json.Marshal(claims); !bytes.Equal(again, payload) {
				t.Errorf("payload\n%s\nreads differently as a map\n%s", payload, again)
			}
			var keys []string
			for k := range claims {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tt.keys) {
				t.Errorf("claims %v, want %v", keys, tt.keys)
			}
			if got := claims["client_id"]; got != tt.clientID {
				t.Errorf("client_id %v, want %q", got, tt.clientID)
			}
		})
	}
}

// TestDataBody checks that /api/data, which encodes a struct, answers byte
// for byte what encoding the same fields as a map gives.
func TestDataBody(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	tok := s.login(t, "alice", "password123")
	key := s.do(t, "POST", "/api/keys", `{"daily_quota":5}`, "Authorization", "Bearer "+tok)
	r := s.do(t, "GET", "/api/data", "", "X-API-Key", key.str("key"))
	if r.Code != 200 {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	var want bytes.Buffer
	json.NewEncoder(&want).Encode(map[string]any{
		"message": "you hold a valid API key", "key": key.str("prefix"), "used": 1, "remaining": 4,
	})
	if got := r.Body.String(); got != want.String() {
		t.Errorf("body\n%s\nwant\n%s", got, want.String())
	}
}
