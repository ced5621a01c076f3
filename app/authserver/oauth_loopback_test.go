//go:build !js

package authserver_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestLoopbackRedirectAnyPort: a redirect URI on the loopback IP literals
// 127.0.0.1 and [::1] over http matches on any port, the registered one's
// and the requested one's alike, with scheme, host, path and query
// compared exactly (RFC 8252 §7.3). localhost is a name, not a loopback IP
// literal (RFC 8252 §8.3), and https on loopback is no native app's
// ephemeral listener: both match exactly or not at all.
func TestLoopbackRedirectAnyPort(t *testing.T) {
	s := oauthServer(t, behindEdge)
	for i, c := range []struct {
		name, registered, requested string
		ok                          bool
	}{
		{"same port", "http://127.0.0.1:8765/cb", "http://127.0.0.1:8765/cb", true},
		{"other port", "http://127.0.0.1:8765/cb", "http://127.0.0.1:9999/cb", true},
		{"registered without port", "http://127.0.0.1/cb", "http://127.0.0.1:9999/cb", true},
		{"requested without port", "http://127.0.0.1:8765/cb", "http://127.0.0.1/cb", true},
		{"same query", "http://127.0.0.1:8765/cb?app=1", "http://127.0.0.1:9999/cb?app=1", true},
		{"IPv6 other port", "http://[::1]:8765/cb", "http://[::1]:9999/cb", true},
		{"IPv6 registered without port", "http://[::1]/cb", "http://[::1]:1/cb", true},
		{"other path", "http://127.0.0.1:8765/cb", "http://127.0.0.1:9999/other", false},
		{"trailing slash", "http://127.0.0.1:8765/cb", "http://127.0.0.1:9999/cb/", false},
		{"other query", "http://127.0.0.1:8765/cb?app=1", "http://127.0.0.1:9999/cb?app=2", false},
		{"added query", "http://127.0.0.1:8765/cb", "http://127.0.0.1:9999/cb?app=1", false},
		{"fragment", "http://127.0.0.1:8765/cb", "http://127.0.0.1:9999/cb#x", false},
		{"IPv4 registered, IPv6 requested", "http://127.0.0.1:8765/cb", "http://[::1]:8765/cb", false},
		{"other loopback address", "http://127.0.0.1:8765/cb", "http://127.0.0.2:8765/cb", false},
		{"userinfo", "http://127.0.0.1:8765/cb", "http://127.0.0.1:9999@evil.example/cb", false},
		{"port not a number", "http://127.0.0.1:8765/cb", "http://127.0.0.1:99x/cb", false},
		{"port out of range", "http://127.0.0.1:8765/cb", "http://127.0.0.1:65536/cb", false},
		{"empty port", "http://127.0.0.1:8765/cb", "http://127.0.0.1:/cb", false},
		{"scheme case", "http://127.0.0.1:8765/cb", "HTTP://127.0.0.1:9999/cb", false},
		{"https on loopback, other port", "https://127.0.0.1:8765/cb", "https://127.0.0.1:9999/cb", false},
		{"https on loopback, same port", "https://127.0.0.1:8765/cb", "https://127.0.0.1:8765/cb", true},
		{"localhost, other port", "http://localhost:8765/cb", "http://localhost:9999/cb", false},
		{"localhost, same port", "http://localhost:8765/cb", "http://localhost:8765/cb", true},
		{"public host, other port", "https://app.example:8443/cb", "https://app.example:9443/cb", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			// Registration accepts every registered URI above, port and all.
			id := s.registerClient(t, `{"token_endpoint_auth_method":"none","redirect_uris":["`+c.registered+`"]}`,
				"CF-Connecting-IP", fmt.Sprintf("198.51.100.%d", i)).str("client_id")
			q := authzParams(set("client_id", id), set("redirect_uri", c.requested))
			rec := s.authorize(t, q)
			if c.ok {
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `name="redirect_uri" value="`) {
					t.Fatalf("%s refused for %s: %d %s", c.requested, c.registered, rec.Code, rec.Body)
				}
				redirected(t, s.decide(t, q, "approve", "alice", alicePW), strings.SplitN(c.requested, "?", 2)[0])
				return
			}
			shownError(t, rec, "not registered")
		})
	}
}

// TestLoopbackWebCallback: when the pages are served from a loopback IP
// origin, the public client's /oauth/callback there matches on any port,
// as the README promises; on a named origin it matches exactly.
func TestLoopbackWebCallback(t *testing.T) {
	s := oauthServer(t)
	for _, c := range []struct {
		name, server, redirect string
		ok                     bool
	}{
		{"own port", "127.0.0.1:8787", "http://127.0.0.1:8787/oauth/callback", true},
		{"other port", "127.0.0.1:8787", "http://127.0.0.1:53682/oauth/callback", true},
		{"IPv6 other port", "[::1]:8787", "http://[::1]:53682/oauth/callback", true},
		{"other path", "127.0.0.1:8787", "http://127.0.0.1:53682/callback", false},
		{"localhost other port", "localhost:8787", "http://localhost:53682/oauth/callback", false},
		{"named origin other port", "example.com", "http://example.com:8080/oauth/callback", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := authzParams(set("redirect_uri", c.redirect))
			rec := s.raw(t, "GET", "http://"+c.server+"/oauth/authorize?"+q.Encode(), "")
			if !c.ok {
				shownError(t, rec, "not registered")
				return
			}
			if rec.Code != http.StatusOK {
				t.Fatalf("%d %s", rec.Code, rec.Body)
			}
		})
	}
}
