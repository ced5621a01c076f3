package authserver

import (
	"net/http"
	"strings"
	"sync"
)

// route is one endpoint: how it is served and how /openapi.json describes
// it. Its names refer to the components of the document, in openapi/*.json:
// auth to securitySchemes, params to parameters, body to requestBodies and
// responses to responses. They are strings, so that building the table,
// which New does at every cold start, costs no allocation for them.
type route struct {
	method, path string
	handler      http.HandlerFunc
	summary      string
	tag          string
	// auth lists, separated by " or ", the security schemes that each
	// admit the request; "none" admits it without credentials.
	auth string
	// params are the query, header and cookie parameters, separated by
	// spaces; the path's {name} segments are added from the path.
	params string
	body   string // a request body, or ""
	// responses gives every status the handler answers, but 500, with
	// its response: "200 Health, 503 Error".
	responses string
}

// Security alternatives and parameters shared by several routes.
const (
	bearerAuth = "bearer"
	// clientAuth is OAuth client authentication (RFC 6749 §2.3.1):
	// client_secret_basic, or client_id and client_secret in the form
	// (client_secret_post), or client_id alone for a public client.
	clientAuth = "clientSecretBasic or none"
	// sessionOptional reads the session cookie when there is one.
	sessionOptional = "session or none"
	authorizeParams = "client_id redirect_uri response_type state scope code_challenge code_challenge_method nonce authlab_code_ttl"
)

// routeTable lists every endpoint. The mux and the OpenAPI document are both
// built from it, so neither can miss a route, and the tests check every
// exchange against the document.
func (s *Server) routeTable() []route {
	return []route{
		{method: "GET", path: "/api/health", handler: s.health, tag: "meta", summary: "Liveness and database check",
			responses: "200 Health, 503 Error"},
		{method: "GET", path: "/openapi.json", handler: s.openAPI, tag: "meta", summary: "This API as OpenAPI 3.1",
			responses: "200 OpenAPI"},
		{method: "GET", path: "/.well-known/jwks.json", handler: s.jwksHandler, tag: "tokens", summary: "Public signing keys (RFC 7517 JWK Set)",
			responses: "200 JWKSet"},
		{method: "POST", path: "/api/register", handler: s.register, tag: "accounts", summary: "Create an account",
			body: "Register", responses: "201 User, 400 Error, 409 Error, 413 Error, 415 Error"},
		{method: "POST", path: "/api/login", handler: s.login, tag: "accounts", summary: "Log in: an access token and a refresh token",
			body: "Login", responses: "200 LoginToken, 400 Error, 401 Error, 413 Error, 415 Error, 429 LoginThrottled"},
		{method: "POST", path: "/api/refresh", handler: s.refresh, tag: "accounts", summary: "Rotate a refresh token (reuse revokes its family)",
			body: "Refresh", responses: "200 LoginToken, 400 Error, 413 Error, 415 Error"},
		{method: "GET", path: "/api/protected", handler: s.selfContained(s.protected), tag: "tokens", summary: "A resource behind a Bearer JWT (RFC 6750), checked as a self-contained token: revocation is not seen",
			auth: bearerAuth, responses: "200 Protected, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge"},
		{method: "POST", path: "/api/demo-tokens", handler: s.bearer(s.demoTokens), tag: "tokens", summary: "Two tokens that fail for their own reason: one expired, one for another audience, signed by this server",
			auth: bearerAuth, responses: "200 DemoTokens, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge"},
		{method: "GET", path: "/api/profile", handler: s.bearer(s.profile), tag: "tokens", summary: "The account behind a Bearer JWT",
			auth: bearerAuth, responses: "200 User, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge"},
		{method: "POST", path: "/api/keys", handler: s.bearer(s.createKey), tag: "api keys", summary: "Create an API key; the secret is shown once",
			auth: bearerAuth, body: "NewKey", responses: "201 KeyCreated, 400 BearerOrBodyError, 401 BearerChallenge, 403 BearerChallenge, 413 Error, 415 Error"},
		{method: "GET", path: "/api/keys", handler: s.bearer(s.listKeys), tag: "api keys", summary: "List your API keys by prefix",
			auth: bearerAuth, responses: "200 KeyList, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge"},
		{method: "DELETE", path: "/api/keys/{id}", handler: s.bearer(s.revokeKey), tag: "api keys", summary: "Revoke an API key",
			auth: bearerAuth, responses: "204 NoContent, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge, 404 Error"},
		{method: "GET", path: "/api/data", handler: s.data, tag: "api keys", summary: "A resource behind an API key, with a daily quota",
			auth: "apiKey or apiKeyQuery", responses: "200 Data, 401 APIKeyChallenge, 429 QuotaExceeded"},
		{method: "GET", path: "/api/basic", handler: s.basicAccount, tag: "basic", summary: "HTTP Basic against registered accounts (RFC 7617)",
			auth: "basic", responses: "200 BasicAccount, 400 BasicChallenge, 401 BasicChallenge, 429 LoginThrottled"},
		{method: "GET", path: "/basic-auth/{user}/{passwd}", handler: s.basicFixed(false), tag: "basic", summary: "httpbin-compatible Basic check",
			auth: "basic", responses: "200 BasicFixed, 400 BasicChallenge, 401 BasicChallenge"},
		{method: "GET", path: "/hidden-basic-auth/{user}/{passwd}", handler: s.basicFixed(true), tag: "basic", summary: "Basic check that answers 404 instead of a challenge",
			auth: "basic", responses: "200 BasicFixed, 404 Error"},
		{method: "GET", path: "/bearer", handler: s.anyBearer, tag: "tokens", summary: "httpbin-compatible: any Bearer token is accepted",
			auth: bearerAuth, responses: "200 AnyBearer, 400 BearerChallenge, 401 BearerChallenge"},
		{method: "POST", path: "/session/login", handler: s.sessionLogin, tag: "sessions", summary: "Log in with a cookie session",
			body: "Login", responses: "200 SessionStarted, 400 Error, 401 Error, 403 Error, 413 Error, 415 Error, 429 LoginThrottled"},
		{method: "GET", path: "/session/me", handler: s.sessionMe, tag: "sessions", summary: "The account behind the session cookie",
			auth: "session", responses: "200 Session, 401 Error"},
		{method: "POST", path: "/session/logout", handler: s.sessionLogout, tag: "sessions", summary: "End the session, if there is one",
			auth: sessionOptional, responses: "204 SessionEnded, 403 Error"},
		{method: "GET", path: "/.well-known/oauth-authorization-server", handler: s.oauthMetadata, tag: "oauth", summary: "Authorization server metadata (RFC 8414)",
			responses: "200 ServerMetadata"},
		{method: "GET", path: "/.well-known/openid-configuration", handler: s.openIDConfiguration, tag: "oauth", summary: "OpenID Connect discovery",
			responses: "200 OpenIDConfiguration"},
		{method: "GET", path: "/oauth/authorize", handler: s.authorize, tag: "oauth", summary: "Authorization endpoint: the consent page (RFC 6749 §4.1.1, PKCE S256 required)",
			auth: sessionOptional, params: authorizeParams, responses: "200 ConsentPage, 303 RedirectLink, 400 ErrorPage"},
		{method: "POST", path: "/oauth/authorize", handler: s.decide, tag: "oauth", summary: "Consent decision: log in, approve or deny",
			auth: sessionOptional, body: "Consent", responses: "303 Redirect, 400 ErrorPage, 401 ConsentPage, 429 ThrottledPage"},
		{method: "POST", path: "/oauth/token", handler: s.token, tag: "oauth", summary: "Token endpoint: authorization_code, refresh_token, client_credentials (RFC 6749 §3.2)",
			auth: clientAuth, body: "Token", responses: "200 Token, 400 OAuthError, 401 ClientRefused"},
		{method: "POST", path: "/oauth/introspect", handler: s.introspect, tag: "oauth", summary: "Token introspection (RFC 7662); public clients are refused",
			auth: clientAuth, body: "Introspect", responses: "200 Introspection, 400 OAuthError, 401 ClientRefused"},
		{method: "POST", path: "/oauth/revoke", handler: s.revoke, tag: "oauth", summary: "Token revocation (RFC 7009)",
			auth: clientAuth, body: "Revoke", responses: "200 Revoked, 400 OAuthError, 401 ClientRefused"},
		{method: "GET", path: "/oauth/userinfo", handler: s.userinfo, tag: "oauth", summary: "Claims about the user behind an access token",
			auth: bearerAuth, responses: "200 Userinfo, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge"},
		{method: "POST", path: "/oauth/userinfo", handler: s.userinfo, tag: "oauth", summary: "Claims about the user behind an access token, sent in the header or as a form body's access_token (OpenID Connect Core §5.3.1, RFC 6750 §2.2)",
			auth: bearerAuth + " or none", body: "UserinfoForm", responses: "200 Userinfo, 400 BearerChallenge, 401 BearerChallenge, 403 BearerChallenge"},
		{method: "GET", path: "/lab/keys", handler: s.labRoute(s.labKeys), tag: labTag, summary: "The attack lab's public keys",
			responses: "200 LabKeys"},
		{method: "GET", path: "/lab/tokens", handler: s.labRoute(s.labTokens), tag: labTag, summary: "Tokens the attack lab issued, as an attacker may hold them",
			responses: "200 LabTokens"},
		{method: "GET", path: "/lab/naive/{attack}", handler: s.labRoute(s.labNaive), tag: labTag, summary: "A verifier that makes one mistake on purpose: it accepts a forgery",
			auth: "labBearer or none", responses: "200 LabAccepted, 400 LabRefused, 401 LabRefused, 404 LabUnknown"},
		{method: "POST", path: "/oauth/register", handler: s.register7591, tag: "oauth", summary: "Dynamic client registration (RFC 7591)",
			body: "ClientMetadata", responses: "201 ClientRegistered, 400 Error, 413 Error, 415 Error, 429 Error"},
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
	s.apiSegments = make(map[string]bool)
	for _, rt := range table {
		s.apiSegments[firstSegment(rt.path)] = true
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

// firstSegment is a path's first segment: "api" for /api/keys/{id}.
func firstSegment(path string) string {
	first, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	return first
}
