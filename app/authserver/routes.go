package authserver

import (
	"net/http"
	"strings"
	"sync"
)

// route is one endpoint: how it is served and how /openapi.json describes it.
type route struct {
	method, path string
	handler      http.HandlerFunc
	summary      string
	tag          string
	security     string // "", "bearer", "apiKey", "basic" or "session"
	body         string // request schema name, or ""
	responses    []int
}

// routeTable lists every endpoint. The mux and the OpenAPI document are both
// built from it, so neither can miss a route.
func (s *Server) routeTable() []route {
	return []route{
		{"GET", "/api/health", s.health, "Liveness and database check", "meta", "", "", []int{200, 503}},
		{"GET", "/openapi.json", s.openAPI, "This API as OpenAPI 3.1", "meta", "", "", []int{200}},
		{"GET", "/.well-known/jwks.json", s.jwksHandler, "Public signing keys (RFC 7517 JWK Set)", "tokens", "", "", []int{200}},
		{"POST", "/api/register", s.register, "Create an account", "accounts", "", "Credentials", []int{201, 400, 409, 413, 415}},
		{"POST", "/api/login", s.login, "Log in: an access token and a refresh token", "accounts", "", "Credentials", []int{200, 400, 401, 429}},
		{"POST", "/api/refresh", s.refresh, "Rotate a refresh token (reuse revokes its family)", "accounts", "", "RefreshRequest", []int{200, 400}},
		{"GET", "/api/protected", s.selfContained(s.protected), "A resource behind a Bearer JWT (RFC 6750), checked as a self-contained token: revocation is not seen", "tokens", "bearer", "", []int{200, 400, 401, 403}},
		{"GET", "/api/profile", s.bearer(s.profile), "The account behind a Bearer JWT", "tokens", "bearer", "", []int{200, 400, 401}},
		{"POST", "/api/keys", s.bearer(s.createKey), "Create an API key; the secret is shown once", "api keys", "bearer", "NewKey", []int{201, 400, 401}},
		{"GET", "/api/keys", s.bearer(s.listKeys), "List your API keys by prefix", "api keys", "bearer", "", []int{200, 401}},
		{"DELETE", "/api/keys/{id}", s.bearer(s.revokeKey), "Revoke an API key", "api keys", "bearer", "", []int{204, 401, 404}},
		{"GET", "/api/data", s.data, "A resource behind an API key, with a daily quota", "api keys", "apiKey", "", []int{200, 401, 429}},
		{"GET", "/api/basic", s.basicAccount, "HTTP Basic against registered accounts (RFC 7617)", "basic", "basic", "", []int{200, 400, 401, 429}},
		{"GET", "/basic-auth/{user}/{passwd}", s.basicFixed(false), "httpbin-compatible Basic check", "basic", "basic", "", []int{200, 401}},
		{"GET", "/hidden-basic-auth/{user}/{passwd}", s.basicFixed(true), "Basic check that answers 404 instead of a challenge", "basic", "basic", "", []int{200, 404}},
		{"GET", "/bearer", s.anyBearer, "httpbin-compatible: any Bearer token is accepted", "tokens", "bearer", "", []int{200, 401}},
		{"POST", "/session/login", s.sessionLogin, "Log in with a cookie session", "sessions", "", "Credentials", []int{200, 400, 401, 403, 429}},
		{"GET", "/session/me", s.sessionMe, "The account behind the session cookie", "sessions", "session", "", []int{200, 401}},
		{"POST", "/session/logout", s.sessionLogout, "End the session", "sessions", "session", "", []int{204, 403}},
		{"GET", "/.well-known/oauth-authorization-server", s.oauthMetadata, "Authorization server metadata (RFC 8414)", "oauth", "", "", []int{200}},
		{"GET", "/.well-known/openid-configuration", s.openIDConfiguration, "OpenID Connect discovery", "oauth", "", "", []int{200}},
		{"GET", "/oauth/authorize", s.authorize, "Authorization endpoint: the consent page (RFC 6749 §4.1.1, PKCE S256 required)", "oauth", "", "", []int{200, 303, 400}},
		{"POST", "/oauth/authorize", s.decide, "Consent decision: log in, approve or deny", "oauth", "", "", []int{303, 400, 401, 403}},
		{"POST", "/oauth/token", s.token, "Token endpoint: authorization_code, refresh_token, client_credentials (RFC 6749 §3.2)", "oauth", "basic", "", []int{200, 400, 401}},
		{"POST", "/oauth/introspect", s.introspect, "Token introspection (RFC 7662)", "oauth", "basic", "", []int{200, 400, 401}},
		{"POST", "/oauth/revoke", s.revoke, "Token revocation (RFC 7009)", "oauth", "basic", "", []int{200, 400, 401}},
		{"GET", "/oauth/userinfo", s.userinfo, "Claims about the user behind an access token", "oauth", "bearer", "", []int{200, 400, 401, 403}},
		{"POST", "/oauth/userinfo", s.userinfo, "Claims about the user behind an access token, sent in the header or as a form body's access_token (RFC 6750 §2.2)", "oauth", "bearer", "", []int{200, 400, 401, 403}},
		{"POST", "/oauth/register", s.register7591, "Dynamic client registration (RFC 7591)", "oauth", "", "ClientMetadata", []int{201, 400, 429}},
	}
}

// routeKey is a method and an exact path.
type routeKey struct{ method, path string }

// routes indexes the routes without wildcards by method and path, which
// serves most requests with one map lookup. The ServeMux, whose
// registration checks every pattern against the others (a cost a worker
// isolate would pay at each cold start), is built on the first request
// the index does not answer: a wildcard path, a path to clean, HEAD, or a
// 404 or 405. Both give the same handler for a path in the index.
func (s *Server) routes() {
	table := s.routeTable()
	s.exact = make(map[routeKey]http.HandlerFunc, len(table))
	for _, rt := range table {
		if !strings.Contains(rt.path, "{") {
			s.exact[routeKey{rt.method, rt.path}] = rt.handler
		}
	}
	s.mux = sync.OnceValue(func() *http.ServeMux {
		m := http.NewServeMux()
		for _, rt := range table {
			m.HandleFunc(rt.method+" "+rt.path, rt.handler)
		}
		m.HandleFunc("/", s.notFound)
		return m
	})
}
