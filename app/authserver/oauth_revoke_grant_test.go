//go:build !js

package authserver_test

import (
	"net/url"
	"testing"
)

// TestRevokingRefreshRevokesItsAccessToken: RFC 7009 §2.1 says revoking a
// refresh token SHOULD also invalidate the access tokens of the same grant.
func TestRevokingRefreshRevokesItsAccessToken(t *testing.T) {
	s := oauthServer(t)
	at, rt := s.tokens(t)
	if r := s.introspect(t, at); r.JSON["active"] != true {
		t.Fatalf("fresh access token: %s", r.Body)
	}
	// The public client that holds the tokens revokes its own refresh token.
	if r := s.post(t, "/oauth/revoke", url.Values{"token": {rt}, "client_id": {"authlab-web"}}); r.Code != 200 {
		t.Fatalf("revoke: %d %s", r.Code, r.Body)
	}
	wantInactive(t, s.introspect(t, at))
	wantInactive(t, s.introspect(t, rt))
}
