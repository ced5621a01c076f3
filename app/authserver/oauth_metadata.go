package authserver

import (
	"net/http"
	"time"
)

// metadata is the RFC 8414 §2 authorization server metadata. It lists only
// what this server implements. It includes the OpenID Connect Discovery 1.0
// §3 parameters, as RFC 8414 §2 allows: the token endpoint issues ID tokens
// whichever document a client read, and a client checks their alg against
// id_token_signing_alg_values_supported (RS256 when it is absent).
//
// authlab_code_ttl is an extension parameter (RFC 8414 §2 allows them): the
// seconds an authorization code lives unless the request asks for less
// with the parameter of the same name, so a client can show how long it
// has to redeem one (RFC 6749 §4.1.2).
func (s *Server) metadata(r *http.Request) map[string]any {
	iss := s.issuer(r)
	base := originOf(r)
	return map[string]any{
		"issuer":                                         iss,
		"authorization_endpoint":                         base + "/oauth/authorize",
		"token_endpoint":                                 base + "/oauth/token",
		"jwks_uri":                                       base + "/.well-known/jwks.json",
		"registration_endpoint":                          base + "/oauth/register",
		"introspection_endpoint":                         base + "/oauth/introspect",
		"revocation_endpoint":                            base + "/oauth/revoke",
		"userinfo_endpoint":                              base + "/oauth/userinfo",
		"scopes_supported":                               supportedScopes,
		"response_types_supported":                       []string{"code"},
		"response_modes_supported":                       []string{"query"},
		"grant_types_supported":                          []string{"authorization_code", "refresh_token", "client_credentials"},
		"token_endpoint_auth_methods_supported":          []string{"client_secret_basic", "client_secret_post", "none"},
		"introspection_endpoint_auth_methods_supported":  []string{"client_secret_basic", "client_secret_post"},
		"revocation_endpoint_auth_methods_supported":     []string{"client_secret_basic", "client_secret_post", "none"},
		"code_challenge_methods_supported":               []string{"S256"},
		"authorization_response_iss_parameter_supported": true,
		"service_documentation":                          base + "/learn",
		"subject_types_supported":                        []string{"public"},
		"id_token_signing_alg_values_supported":          []string{s.alg},
		"authlab_code_ttl":                               int(MaxCodeTTL / time.Second),
		"claims_supported":                               []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "preferred_username", "name"},
	}
}

func (s *Server) oauthMetadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, s.metadata(r))
}

// openIDConfiguration is OpenID Connect Discovery 1.0 §4: the same
// document, at the path OpenID Connect clients look for.
func (s *Server) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	s.oauthMetadata(w, r)
}
