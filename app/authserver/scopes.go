package authserver

import (
	"net/http"
	"slices"
	"strings"
)

// ScopeDef is one OAuth 2.0 scope this server grants (RFC 6749 §3.3): what
// the consent page tells the user it allows, and the Bearer routes that need
// it. The scope table is the one place that says so: discovery's
// scopes_supported (RFC 8414 §2), the consent page, the OpenAPI document and
// the README are made from it, and each Bearer route looks its scope up in
// it.
type ScopeDef struct {
	Name string
	// Consent says what a user allows by granting the scope.
	Consent string
	// Routes are the routes, as "METHOD /path", that need the scope.
	Routes []string
}

// scopeTable lists every scope. A Bearer route that needs no scope of
// its own is listed in anyTokenRoutes instead.
var scopeTable = []ScopeDef{
	{"openid", "Sign you in to the application and tell it your account id, with an ID token (OpenID Connect)",
		[]string{"GET /oauth/userinfo", "POST /oauth/userinfo"}},
	{"profile", "Read your account id, username and when the account was created",
		[]string{"GET /api/profile"}},
	{"api", "Call the demo API, /api/protected, as you",
		[]string{"GET /api/protected", "POST /api/demo-tokens"}},
	{"keys:read", "List your API keys: their names, prefixes, quotas and use, never their secrets",
		[]string{"GET /api/keys"}},
	{"keys:write", "Create API keys in your name and revoke them",
		[]string{"POST /api/keys", "DELETE /api/keys/{id}"}},
}

// anyTokenRoutes are the Bearer routes that accept any token: the
// httpbin-compatible /bearer checks only that one was sent.
var anyTokenRoutes = []string{"GET /bearer"}

// firstPartyScope is the scope of the tokens that POST /api/login issues
// to Authlab's own pages: every scope but openid, since no third party is
// told who the user is.
var firstPartyScope = strings.Join(slices.DeleteFunc(scopeNames(), func(sc string) bool { return sc == "openid" }), " ")

// Scopes returns the scope table.
func Scopes() []ScopeDef { return scopeTable }

// scopeNames lists the scopes, for scopes_supported and for checking a
// requested scope.
func scopeNames() []string {
	names := make([]string, len(scopeTable))
	for i, sc := range scopeTable {
		names[i] = sc.Name
	}
	return names
}

// scopeConsent is what the consent page says about scope, or the scope's
// name when it has no entry.
func scopeConsent(scope string) string {
	for _, sc := range scopeTable {
		if sc.Name == scope {
			return sc.Consent
		}
	}
	return scope
}

// scopeIndex maps each Bearer route to the scope it needs; New builds it.
func scopeIndex() map[routeKey]string {
	m := make(map[routeKey]string)
	for _, sc := range scopeTable {
		for _, rt := range sc.Routes {
			method, path, _ := strings.Cut(rt, " ")
			m[routeKey{method, path}] = sc.Name
		}
	}
	return m
}

// RouteScope returns the scope that the route method path needs, and
// whether it has one.
func (s *Server) RouteScope(method, path string) (string, bool) {
	sc, ok := s.scopes[routeKey{method, path}]
	return sc, ok
}

// requiredScope is the scope the route serving r needs: r.Pattern names
// the route when the ServeMux served it, and the method and path do when
// the index of exact paths did.
func (s *Server) requiredScope(r *http.Request) (string, bool) {
	if r.Pattern != "" {
		method, path, _ := strings.Cut(r.Pattern, " ")
		return s.RouteScope(method, path)
	}
	return s.RouteScope(r.Method, r.URL.Path)
}

// hasScope reports whether the space-separated list granted holds want
// (RFC 6749 §3.3).
func hasScope(granted, want string) bool {
	for granted != "" {
		var sc string
		sc, granted, _ = strings.Cut(granted, " ")
		if sc == want {
			return true
		}
	}
	return false
}
