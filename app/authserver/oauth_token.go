package authserver

import (
	"errors"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/oauth"
)

// writeOAuthError answers with an RFC 6749 §5.2 error: 401 for
// invalid_client, 400 otherwise, never cached.
func writeOAuthError(w http.ResponseWriter, e *oauth.Error) {
	status := http.StatusBadRequest
	if e.Code == oauth.InvalidClient {
		status = http.StatusUnauthorized
	}
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, status, e)
}

// oauthErrorFrom maps a server error to an RFC 6749 §5.2 error.
func oauthErrorFrom(err error) *oauth.Error {
	var oe *oauth.Error
	if errors.As(err, &oe) {
		return oe
	}
	if errors.Is(err, ErrInvalidGrant) || errors.Is(err, ErrRefreshReused) || errors.Is(err, ErrCodeReused) {
		return oauth.Errorf(oauth.InvalidGrant, "%v", err)
	}
	return oauth.Errorf(oauth.ServerError, "the request could not be completed")
}

// readForm parses an application/x-www-form-urlencoded body and refuses
// repeated parameters (RFC 6749 §3.2).
func readForm(w http.ResponseWriter, r *http.Request) (url.Values, *oauth.Error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		return nil, oauth.Errorf(oauth.InvalidRequest, "send the parameters as application/x-www-form-urlencoded (RFC 6749 §4.1.3)")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		return nil, oauth.Errorf(oauth.InvalidRequest, "the form could not be read: %v", err)
	}
	for k, v := range r.PostForm {
		if len(v) > 1 {
			return nil, oauth.Errorf(oauth.InvalidRequest, "the parameter %s appears more than once", k)
		}
	}
	return r.PostForm, nil
}

// grantTypes are the grants this server implements.
var grantTypes = []string{"authorization_code", "refresh_token", "client_credentials"}

// token is the token endpoint (RFC 6749 §3.2).
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	form, oerr := readForm(w, r)
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	c, oerr := s.authenticateClient(w, r, form)
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	grant := form.Get("grant_type")
	// A grant this server lacks is unsupported_grant_type, not
	// unauthorized_client (RFC 6749 §5.2).
	if contains(grantTypes, grant) && !c.allows(grant) {
		writeOAuthError(w, oauth.Errorf(oauth.UnauthorizedClient, "%s may not use the %s grant", c.ID, grant))
		return
	}
	var resp *oauth.TokenResponse
	var err error
	switch grant {
	case "authorization_code":
		resp, err = s.codeGrant(r, c, form)
	case "refresh_token":
		resp, err = s.refreshGrant(r, c, form)
	case "client_credentials":
		resp, err = s.clientCredentialsGrant(r, c, form)
	case "":
		err = oauth.Errorf(oauth.InvalidRequest, "grant_type is missing")
	default:
		err = oauth.Errorf(oauth.UnsupportedGrantType, "grant_type %q is not supported", grant)
	}
	if err != nil {
		writeOAuthError(w, oauthErrorFrom(err))
		return
	}
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, resp)
}

// codeGrant redeems an authorization code (RFC 6749 §4.1.3) with its PKCE
// verifier (RFC 7636 §4.5). The code is spent by the first attempt, even a
// failed one.
func (s *Server) codeGrant(r *http.Request, c *Client, form url.Values) (*oauth.TokenResponse, error) {
	code, redirect, verifier := form.Get("code"), form.Get("redirect_uri"), form.Get("code_verifier")
	switch {
	case code == "":
		return nil, oauth.Errorf(oauth.InvalidRequest, "code is missing")
	case redirect == "":
		return nil, oauth.Errorf(oauth.InvalidRequest, "redirect_uri is missing; send the one used in the authorization request")
	case verifier == "":
		return nil, oauth.Errorf(oauth.InvalidRequest, "code_verifier is missing; this server mandates PKCE")
	}
	ac, err := s.cfg.Store.UseCode(r.Context(), hashToken(code), s.cfg.Now().UTC(), s.cfg.AccessTTL)
	if err != nil {
		return nil, err
	}
	switch {
	case ac.ClientID != c.ID:
		return nil, oauth.Errorf(oauth.InvalidGrant, "the code was issued to another client")
	case ac.RedirectURI != redirect:
		return nil, oauth.Errorf(oauth.InvalidGrant, "redirect_uri differs from the authorization request's")
	}
	if err := oauth.VerifyS256(verifier, ac.Challenge); err != nil {
		return nil, oauth.Errorf(oauth.InvalidGrant, "PKCE: %v", err)
	}
	u, err := s.cfg.Store.UserByID(r.Context(), ac.UserID)
	if err != nil {
		return nil, oauth.Errorf(oauth.InvalidGrant, "the account no longer exists")
	}
	authTime := ac.AuthTime
	if authTime.IsZero() {
		authTime = ac.CreatedAt
	}
	return s.userTokens(r, c, u, grant{userID: u.ID, clientID: c.ID, scope: ac.Scope, family: ac.Family, authTime: authTime}, ac.Nonce)
}

// userTokens issues an access token, a refresh token of g and, for the
// openid scope, an ID token (OpenID Connect Core §2). nonce is the
// authorization request's; an ID token from a refresh has none, and keeps
// the original auth_time (§12.2).
func (s *Server) userTokens(r *http.Request, c *Client, u *User, g grant, nonce string) (*oauth.TokenResponse, error) {
	tok, jti, err := s.signAccess(r, strconvID(u.ID), g.scope, c.ID, &u.Username)
	if err != nil {
		return nil, err
	}
	resp := &oauth.TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int64(s.cfg.AccessTTL / time.Second), Scope: g.scope}
	if c.allows("refresh_token") {
		g.jti = jti
		if resp.RefreshToken, err = s.issueRefresh(r.Context(), g); err != nil {
			return nil, err
		}
	}
	if hasScope(g.scope, "openid") {
		now := s.cfg.Now().UTC()
		claims := map[string]any{"iss": s.issuer(r), "sub": strconvID(u.ID), "aud": c.ID, "azp": c.ID,
			"iat": now.Unix(), "exp": now.Add(s.cfg.AccessTTL).Unix(), "preferred_username": u.Username}
		if !g.authTime.IsZero() {
			claims["auth_time"] = g.authTime.Unix()
		}
		if nonce != "" {
			claims["nonce"] = nonce
		}
		if resp.IDToken, err = jot.Sign(claims, s.alg, s.cfg.SigningKeys[0], map[string]any{"typ": "JWT"}); err != nil {
			return nil, err
		}
	}
	return resp, nil
}

// refreshGrant rotates a refresh token for its own client (RFC 6749 §6).
func (s *Server) refreshGrant(r *http.Request, c *Client, form url.Values) (*oauth.TokenResponse, error) {
	raw := form.Get("refresh_token")
	if raw == "" {
		return nil, oauth.Errorf(oauth.InvalidRequest, "refresh_token is missing")
	}
	now := s.cfg.Now().UTC()
	if t, _, err := s.cfg.Store.RefreshByHash(r.Context(), hashToken(raw), now); err == nil && t.ClientID != c.ID {
		return nil, oauth.Errorf(oauth.InvalidGrant, "the refresh token was issued to another client")
	}
	old, err := s.cfg.Store.UseRefresh(r.Context(), hashToken(raw), now, now.Add(s.cfg.AccessTTL+leeway))
	if err != nil {
		return nil, err
	}
	if old.ClientID != c.ID {
		return nil, oauth.Errorf(oauth.InvalidGrant, "the refresh token was issued to another client")
	}
	scope := old.Scope
	if asked := form.Get("scope"); asked != "" {
		for _, sc := range oauth.ParseScope(asked) {
			if !hasScope(old.Scope, sc) {
				return nil, oauth.Errorf(oauth.InvalidScope, "scope %q was not granted originally", sc)
			}
		}
		scope = strings.Join(oauth.ParseScope(asked), " ")
	}
	u, err := s.cfg.Store.UserByID(r.Context(), old.UserID)
	if err != nil {
		return nil, oauth.Errorf(oauth.InvalidGrant, "the account no longer exists")
	}
	return s.userTokens(r, c, u, grant{userID: u.ID, clientID: c.ID, scope: scope, family: old.Family, authTime: old.AuthTime}, "")
}

// clientCredentialsGrant issues a token to a confidential client for
// itself (RFC 6749 §4.4). No refresh token is issued (§4.4.3).
func (s *Server) clientCredentialsGrant(r *http.Request, c *Client, form url.Values) (*oauth.TokenResponse, error) {
	if c.Public() {
		return nil, oauth.Errorf(oauth.UnauthorizedClient, "public clients cannot use client_credentials")
	}
	scope := "api"
	if asked := form.Get("scope"); asked != "" {
		for _, sc := range oauth.ParseScope(asked) {
			if sc != "api" {
				return nil, oauth.Errorf(oauth.InvalidScope, "client_credentials grants only the api scope, not %q", sc)
			}
		}
	}
	tok, _, err := s.signAccess(r, c.ID, scope, c.ID, nil)
	if err != nil {
		return nil, err
	}
	return &oauth.TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int64(s.cfg.AccessTTL / time.Second), Scope: scope}, nil
}
