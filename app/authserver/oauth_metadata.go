package authserver

import "net/http"

// metadata is the RFC 8414 §2 authorization server metadata. It lists only
// what this server implements.
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
	}
}

func (s *Server) oauthMetadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, s.metadata(r))
}

// openIDConfiguration is OpenID Connect Discovery 1.0 §3: the same
// metadata plus what ID tokens need.
func (s *Server) openIDConfiguration(w http.ResponseWriter, r *http.Request) {
	m := s.metadata(r)
	m["subject_types_supported"] = []string{"public"}
	m["id_token_signing_alg_values_supported"] = []string{s.alg}
	m["claims_supported"] = []string{"iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "azp", "preferred_username", "name"}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	writeJSON(w, http.StatusOK, m)
}
