package authserver

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/authlab/authlab/app/oauth"
)

// Limits on dynamic registration: clients expire after a day, and each
// registrant (by client IP) may hold a few at once.
const (
	DynamicClientTTL     = 24 * time.Hour
	ClientsPerRegistrant = 10
	MaxDynamicClients    = 1000
)

type clientMetadata struct {
	RedirectURIs            []string `json:"redirect_uris"`
	ClientName              string   `json:"client_name"`
	GrantTypes              []string `json:"grant_types"`
	ResponseTypes           []string `json:"response_types"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
}

// validRedirect applies RFC 6749 §3.1.2 and RFC 8252 §7.3: an absolute
// https URI, or http only on a loopback host, and no fragment.
func validRedirect(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil || !u.IsAbs() || u.Host == "":
		return fmt.Errorf("%q is not an absolute URI", raw)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return fmt.Errorf("%q has a fragment (RFC 6749 §3.1.2)", raw)
	case u.Scheme == "https":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%q must use https, or http on a loopback address (RFC 8252 §7.3)", raw)
}

func (m *clientMetadata) validate() *oauth.Error {
	if m.TokenEndpointAuthMethod == "" {
		m.TokenEndpointAuthMethod = "client_secret_basic"
	}
	if !contains([]string{"none", "client_secret_basic", "client_secret_post"}, m.TokenEndpointAuthMethod) {
		return oauth.Errorf(oauth.InvalidClientMetadata, "token_endpoint_auth_method %q is not supported", m.TokenEndpointAuthMethod)
	}
	if len(m.GrantTypes) == 0 {
		m.GrantTypes = []string{"authorization_code"}
	}
	for _, g := range m.GrantTypes {
		if !contains([]string{"authorization_code", "refresh_token", "client_credentials"}, g) {
			return oauth.Errorf(oauth.InvalidClientMetadata, "grant type %q is not supported", g)
		}
		if g == "client_credentials" && m.TokenEndpointAuthMethod == "none" {
			return oauth.Errorf(oauth.InvalidClientMetadata, "client_credentials needs a confidential client")
		}
	}
	for _, rt := range m.ResponseTypes {
		if rt != "code" {
			return oauth.Errorf(oauth.InvalidClientMetadata, "response type %q is not supported", rt)
		}
	}
	if contains(m.GrantTypes, "authorization_code") && len(m.RedirectURIs) == 0 {
		return oauth.Errorf(oauth.InvalidRedirectURI, "redirect_uris is required for the authorization code grant")
	}
	if len(m.RedirectURIs) > 10 || len(m.ClientName) > 100 {
		return oauth.Errorf(oauth.InvalidClientMetadata, "at most 10 redirect_uris and a client_name of 100 bytes")
	}
	for _, u := range m.RedirectURIs {
		if err := validRedirect(u); err != nil {
			return oauth.Errorf(oauth.InvalidRedirectURI, "%v", err)
		}
	}
	return nil
}

// register is dynamic client registration (RFC 7591 §3).
func (s *Server) register7591(w http.ResponseWriter, r *http.Request) {
	var m clientMetadata
	if err := decodeJSON(w, r, &m); err != nil {
		writeError(w, err)
		return
	}
	if oerr := m.validate(); oerr != nil {
		writeJSON(w, http.StatusBadRequest, oerr)
		return
	}
	id, err := s.randomToken(12)
	var secret string
	if err == nil && m.TokenEndpointAuthMethod != "none" {
		secret, err = s.randomToken(32)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	now := s.cfg.Now().UTC()
	c := &Client{ID: "dyn_" + id, Name: m.ClientName, RedirectURIs: m.RedirectURIs, GrantTypes: m.GrantTypes,
		AuthMethod: m.TokenEndpointAuthMethod, CreatedAt: now, ExpiresAt: now.Add(DynamicClientTTL),
		RegisteredBy: s.client(r)}
	if secret != "" {
		c.SecretHash = hashToken(secret)
	}
	if c.Name == "" {
		c.Name = c.ID
	}
	if err := s.cfg.Store.CreateClient(r.Context(), c, ClientsPerRegistrant, MaxDynamicClients, now); err != nil {
		writeError(w, err)
		return
	}
	if c.RedirectURIs == nil {
		c.RedirectURIs = []string{} // RFC 7591 §3.2.1 echoes the metadata: a list, not null
	}
	out := map[string]any{
		"client_id": c.ID, "client_id_issued_at": now.Unix(), "client_name": c.Name,
		"redirect_uris": c.RedirectURIs, "grant_types": c.GrantTypes, "response_types": []string{"code"},
		"token_endpoint_auth_method": c.AuthMethod,
	}
	if secret != "" {
		out["client_secret"] = secret
		out["client_secret_expires_at"] = c.ExpiresAt.Unix()
	}
	writeJSON(w, http.StatusCreated, out)
}
