//go:build !js

package authserver_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// bearerRoutes are the Bearer routes on a user's resources, with a body
// each accepts.
var bearerRoutes = []struct {
	method, path, body, scope string
	revocable                 bool // refuses a revoked token
}{
	{"GET", "/api/protected", "", "api", false},
	{"GET", "/api/profile", "", "profile", true},
	{"GET", "/api/keys", "", "keys:read", true},
	{"POST", "/api/keys", `{"name":"k"}`, "keys:write", true},
	{"DELETE", "/api/keys/999", "", "keys:write", true},
	{"GET", "/oauth/userinfo", "", "openid", true},
}

// TestScopesEnforced gives a user's tokens of every scope to every Bearer
// route: a token without the route's scope gets 403 insufficient_scope
// with the scope in the challenge (RFC 6750 §3.1); a token with it passes.
func TestScopesEnforced(t *testing.T) {
	s := oauthServer(t)
	for _, scope := range []string{"openid", "profile", "api", "keys:read", "keys:write"} {
		q := authzParams(set("scope", scope))
		r := s.exchange(t, s.code(t, set("scope", scope)))
		if r.Code != http.StatusOK || r.str("scope") != q.Get("scope") {
			t.Fatalf("scope %s: %d %s", scope, r.Code, r.Body)
		}
		for _, rt := range bearerRoutes {
			t.Run(scope+" "+rt.method+" "+rt.path, func(t *testing.T) {
				got := s.do(t, rt.method, rt.path, rt.body, "Authorization", "Bearer "+r.str("access_token"))
				challenge := got.Header().Get("WWW-Authenticate")
				if scope != rt.scope {
					if got.Code != http.StatusForbidden || got.str("error") != "insufficient_scope" ||
						!strings.Contains(challenge, `error="insufficient_scope"`) || !strings.Contains(challenge, `scope="`+rt.scope+`"`) {
						t.Fatalf("%d %s %q, want 403 insufficient_scope naming %s", got.Code, got.Body, challenge, rt.scope)
					}
					return
				}
				if got.Code == http.StatusForbidden || got.Code == http.StatusUnauthorized {
					t.Fatalf("%d %s %q with the route's own scope", got.Code, got.Body, challenge)
				}
			})
		}
	}
}

// TestFirstPartyTokenServesThePages checks that a token from /api/login,
// which Authlab's pages use, holds every scope they need, and the one
// from /api/refresh too.
func TestFirstPartyTokenServesThePages(t *testing.T) {
	s := oauthServer(t)
	login := s.do(t, "POST", "/api/login", credentials("alice", alicePW))
	refreshed := s.do(t, "POST", "/api/refresh", `{"refresh_token":"`+login.str("refresh_token")+`"}`)
	if refreshed.Code != http.StatusOK {
		t.Fatalf("refresh: %d %s", refreshed.Code, refreshed.Body)
	}
	for _, tok := range []*response{login, refreshed} {
		for _, rt := range bearerRoutes {
			got := s.do(t, rt.method, rt.path, rt.body, "Authorization", "Bearer "+tok.str("access_token"))
			if rt.scope == "openid" {
				if got.Code != http.StatusForbidden {
					t.Errorf("%s %s: %d, want 403: the pages' own token tells no third party who the user is", rt.method, rt.path, got.Code)
				}
				continue
			}
			if got.Code == http.StatusForbidden || got.Code == http.StatusUnauthorized {
				t.Errorf("%s %s: %d %s", rt.method, rt.path, got.Code, got.Body)
			}
		}
	}
}

// TestScopeTableCoversEveryBearerRoute checks that every route the OpenAPI
// document declares Bearer-secured has a scope in the table, but the
// httpbin-compatible /bearer, and that discovery lists the table's scopes.
func TestScopeTableCoversEveryBearerRoute(t *testing.T) {
	s := oauthServer(t)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(s.do(t, "GET", "/openapi.json", "").Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	bearer := 0
	for path, item := range doc.Paths {
		for method, raw := range item {
			var op struct {
				Security []map[string][]string `json:"security"`
			}
			if !slices.Contains([]string{"get", "post", "put", "patch", "delete"}, method) || json.Unmarshal(raw, &op) != nil {
				continue
			}
			if sc, ok := s.server.RouteScope(strings.ToUpper(method), path); ok && secured(op.Security, "bearer") {
				if got := op.Security[0]["bearer"]; !slices.Equal(got, []string{sc}) {
					t.Errorf("%s %s declares the roles %v, want [%s]", method, path, got, sc)
				}
			}
			if !secured(op.Security, "bearer") || path == "/bearer" {
				continue
			}
			bearer++
			if _, ok := s.server.RouteScope(strings.ToUpper(method), path); !ok {
				t.Errorf("%s %s is Bearer-secured but has no scope", method, path)
			}
		}
	}
	if bearer < len(bearerRoutes)-1 {
		t.Errorf("found %d Bearer routes in the document, want at least %d", bearer, len(bearerRoutes)-1)
	}
	var names []string
	for _, sc := range authserver.Scopes() {
		names = append(names, sc.Name)
		for _, rt := range sc.Routes {
			method, path, _ := strings.Cut(rt, " ")
			if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
				t.Errorf("scope %s names %s, which is no route", sc.Name, rt)
			}
		}
	}
	meta := s.do(t, "GET", "/.well-known/openid-configuration", "")
	var m struct {
		Scopes []string `json:"scopes_supported"`
	}
	json.Unmarshal(meta.Body.Bytes(), &m)
	if strings.Join(m.Scopes, " ") != strings.Join(names, " ") {
		t.Errorf("scopes_supported %v, want the table's %v", m.Scopes, names)
	}
}

func secured(reqs []map[string][]string, scheme string) bool {
	for _, req := range reqs {
		if _, ok := req[scheme]; ok {
			return true
		}
	}
	return false
}

// TestConsentPageWordsScopes checks that the consent page says what each
// requested scope allows, in the table's words.
func TestConsentPageWordsScopes(t *testing.T) {
	s := oauthServer(t)
	page := s.authorize(t, authzParams(set("scope", "openid keys:write"))).Body.String()
	for _, sc := range authserver.Scopes() {
		want := sc.Name == "openid" || sc.Name == "keys:write"
		if got := strings.Contains(page, sc.Consent); got != want {
			t.Errorf("the page shows %q: %v, want %v", sc.Consent, got, want)
		}
	}
}

// TestRevokedTokenRefused revokes an access token (RFC 7009) and spends
// a code twice (RFC 6749 §4.1.2): every route on a user's data refuses
// the token from then on; /api/protected, a self-contained check, does not
// see revocation.
func TestRevokedTokenRefused(t *testing.T) {
	all := "openid profile api keys:read keys:write"
	for _, how := range []string{"revoke", "code replay"} {
		t.Run(how, func(t *testing.T) {
			s := oauthServer(t)
			code := s.code(t, set("scope", all))
			first := s.exchange(t, code)
			at := first.str("access_token")
			for _, rt := range bearerRoutes {
				if r := s.do(t, rt.method, rt.path, rt.body, "Authorization", "Bearer "+at); r.Code == 401 || r.Code == 403 {
					t.Fatalf("before: %s %s: %d %s", rt.method, rt.path, r.Code, r.Body)
				}
			}
			switch how {
			case "revoke":
				if r := s.post(t, "/oauth/revoke", url.Values{"token": {at}, "client_id": {webClient}}); r.Code != http.StatusOK {
					t.Fatalf("revoke: %d %s", r.Code, r.Body)
				}
			case "code replay":
				wantOAuthError(t, s.exchange(t, code), http.StatusBadRequest, "invalid_grant")
			}
			for _, rt := range bearerRoutes {
				r := s.do(t, rt.method, rt.path, rt.body, "Authorization", "Bearer "+at)
				if rt.revocable && (r.Code != http.StatusUnauthorized || !strings.Contains(r.Header().Get("WWW-Authenticate"), "revoked")) {
					t.Errorf("after: %s %s: %d %s %q, want 401 naming the revocation", rt.method, rt.path, r.Code, r.Body, r.Header().Get("WWW-Authenticate"))
				}
				if !rt.revocable && r.Code != http.StatusOK {
					t.Errorf("after: %s %s: %d, want 200 from a self-contained check", rt.method, rt.path, r.Code)
				}
			}
		})
	}
}

// TestClientRefreshTokenOnlyAtTokenEndpoint presents a confidential
// client's refresh token at the first-party /api/refresh: it is refused
// and left unspent, and still works at /oauth/token with the client's
// secret only. The grant, refreshed, keeps its client and is revoked as a
// whole, access tokens included.
func TestClientRefreshTokenOnlyAtTokenEndpoint(t *testing.T) {
	s := oauthServer(t)
	demoCallback := "http://127.0.0.1/callback"
	code := s.code(t, set("client_id", demoClient), set("redirect_uri", demoCallback))
	tokens := s.post(t, "/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {demoCallback}, "code_verifier": {verifier}}, basicAuth(demoClient, demoSecret)...)
	if tokens.Code != http.StatusOK {
		t.Fatalf("exchange: %d %s", tokens.Code, tokens.Body)
	}
	rt := tokens.str("refresh_token")
	r := s.do(t, "POST", "/api/refresh", `{"refresh_token":"`+rt+`"}`)
	if r.Code != http.StatusBadRequest || r.str("error") != "invalid_grant" || !strings.Contains(r.str("error_description"), demoClient) {
		t.Fatalf("/api/refresh: %d %s, want 400 invalid_grant naming the client", r.Code, r.Body)
	}
	wantOAuthError(t, s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}, "client_id": {demoClient}}),
		http.StatusUnauthorized, "invalid_client")
	refreshed := s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, basicAuth(demoClient, demoSecret)...)
	if refreshed.Code != http.StatusOK {
		t.Fatalf("/oauth/token after the refusal: %d %s", refreshed.Code, refreshed.Body)
	}
	if got := claim(t, refreshed.str("access_token"), "client_id"); got != demoClient {
		t.Errorf("refreshed access token's client_id %v, want %s", got, demoClient)
	}
	// Revoking the newest refresh token ends the grant, the access tokens
	// of both rounds included.
	if r := s.post(t, "/oauth/revoke", url.Values{"token": {refreshed.str("refresh_token")}}, basicAuth(demoClient, demoSecret)...); r.Code != http.StatusOK {
		t.Fatalf("revoke: %d %s", r.Code, r.Body)
	}
	for i, at := range []string{tokens.str("access_token"), refreshed.str("access_token")} {
		if r := s.do(t, "GET", "/api/profile", "", "Authorization", "Bearer "+at); r.Code != http.StatusUnauthorized {
			t.Errorf("access token %d after the grant's revocation: %d %s", i, r.Code, r.Body)
		}
	}
}

// TestFirstPartyRefresh checks that /api/refresh issues tokens of the
// first-party client, each linked to its grant.
func TestFirstPartyRefresh(t *testing.T) {
	s := oauthServer(t)
	login := s.do(t, "POST", "/api/login", credentials("alice", alicePW))
	r := s.do(t, "POST", "/api/refresh", `{"refresh_token":"`+login.str("refresh_token")+`"}`)
	if r.Code != http.StatusOK {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	if got := claim(t, r.str("access_token"), "client_id"); got != authserver.LoginClientID {
		t.Errorf("client_id %v, want %s", got, authserver.LoginClientID)
	}
	// The first-party client is no OAuth client: /oauth/token refuses it.
	wantOAuthError(t, s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {r.str("refresh_token")},
		"client_id": {authserver.LoginClientID}}), http.StatusUnauthorized, "invalid_client")
	// Reusing the spent token revokes the family, and the access token
	// issued with the live one.
	if again := s.do(t, "POST", "/api/refresh", `{"refresh_token":"`+login.str("refresh_token")+`"}`); again.Code != http.StatusBadRequest {
		t.Fatalf("reuse: %d %s", again.Code, again.Body)
	}
	if p := s.do(t, "GET", "/api/profile", "", "Authorization", "Bearer "+r.str("access_token")); p.Code != http.StatusUnauthorized {
		t.Errorf("access token of a revoked family: %d %s", p.Code, p.Body)
	}
}

// TestIDTokenFromRefresh checks OpenID Connect Core §12.2: an ID token
// from a refresh keeps iss, sub, aud and the original auth_time, has a
// new iat, and no nonce.
func TestIDTokenFromRefresh(t *testing.T) {
	s := oauthServer(t)
	authAt := s.clock.Now().Unix()
	first := s.exchange(t, s.code(t, set("nonce", "n-0S6_WzA2Mj")))
	s.clock.Advance(10 * time.Minute)
	again := s.post(t, "/oauth/token", url.Values{"grant_type": {"refresh_token"}, "refresh_token": {first.str("refresh_token")}, "client_id": {webClient}})
	if again.Code != http.StatusOK {
		t.Fatalf("refresh: %d %s", again.Code, again.Body)
	}
	a, b := payload(t, first.str("id_token")), payload(t, again.str("id_token"))
	if a["nonce"] != "n-0S6_WzA2Mj" {
		t.Errorf("first ID token's nonce %v", a["nonce"])
	}
	if _, has := b["nonce"]; has {
		t.Errorf("refreshed ID token has a nonce: %v", b["nonce"])
	}
	for _, c := range []string{"iss", "sub", "aud", "azp"} {
		if a[c] != b[c] {
			t.Errorf("%s %v, then %v", c, a[c], b[c])
		}
	}
	if a["auth_time"] != float64(authAt) || b["auth_time"] != float64(authAt) {
		t.Errorf("auth_time %v, then %v; want %d both times", a["auth_time"], b["auth_time"], authAt)
	}
	if b["iat"] != float64(authAt+600) {
		t.Errorf("refreshed iat %v, want %d", b["iat"], authAt+600)
	}
	// An ID token is no access token (RFC 9068 §4): refused by its typ.
	r := s.do(t, "GET", "/api/profile", "", "Authorization", "Bearer "+again.str("id_token"))
	if r.Code != http.StatusUnauthorized || !strings.Contains(r.str("error_description"), "typ") {
		t.Errorf("ID token as an access token: %d %s", r.Code, r.Body)
	}
}

// payload reads a JWT's claims without verifying them.
func payload(t *testing.T, tok string) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", tok)
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func claim(t *testing.T, tok, name string) any { return payload(t, tok)[name] }
