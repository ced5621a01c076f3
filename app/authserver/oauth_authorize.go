package authserver

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/app/oauth"
)

// Scopes this server grants.
var supportedScopes = scopeNames()

// MaxCodeTTL is the longest an authorization code lives (RFC 6749 §4.1.2
// recommends at most 10 minutes; this server allows 60 s).
const MaxCodeTTL = 60 * time.Second

// authzRequest is a validated authorization request.
type authzRequest struct {
	client                     *Client
	redirectURI, state, scope  string
	challenge, challengeMethod string
	nonce                      string
	codeTTL                    time.Duration
}

// parseAuthz validates an authorization request (RFC 6749 §4.1.1,
// RFC 7636 §4.3). A bad client or redirect URI is fatal: it is shown to the
// user and never redirected to (RFC 6749 §4.1.2.1). Other errors are
// returned for authzError, which redirects only a built-in client's.
func (s *Server) parseAuthz(r *http.Request, q url.Values) (req *authzRequest, fatal error, redirectErr *oauth.Error) {
	for _, k := range []string{"client_id", "redirect_uri", "response_type", "state", "scope", "code_challenge", "code_challenge_method", "nonce"} {
		if len(q[k]) > 1 {
			return nil, fmt.Errorf("the parameter %s appears more than once (RFC 6749 §3.1)", k), nil
		}
	}
	c, err := s.lookupClient(r.Context(), r, q.Get("client_id"))
	if err != nil {
		return nil, err, nil
	}
	redirect := q.Get("redirect_uri")
	if redirect == "" {
		return nil, errors.New("redirect_uri is missing; this server requires it on every request"), nil
	}
	if !c.redirectAllowed(redirect) {
		return nil, fmt.Errorf("redirect_uri %q is not registered for %s; it must match exactly", redirect, c.ID), nil
	}
	req = &authzRequest{client: c, redirectURI: redirect, state: q.Get("state"), nonce: q.Get("nonce"),
		challenge: q.Get("code_challenge"), challengeMethod: q.Get("code_challenge_method"), codeTTL: MaxCodeTTL}
	switch {
	case q.Get("response_type") != "code":
		return req, nil, oauth.Errorf(oauth.UnsupportedResponseType, "response_type must be code, got %q", q.Get("response_type"))
	case !c.allows("authorization_code"):
		return req, nil, oauth.Errorf(oauth.UnauthorizedClient, "client_id %s may not use the authorization code grant: it was registered without it", c.ID)
	case req.challenge == "":
		return req, nil, oauth.Errorf(oauth.InvalidRequest, "code_challenge is required: this server mandates PKCE (RFC 7636)")
	case req.challengeMethod == "plain":
		return req, nil, oauth.Errorf(oauth.InvalidRequest, "code_challenge_method plain is refused; use S256 (RFC 9700 §2.1.1)")
	case req.challengeMethod != "S256":
		return req, nil, oauth.Errorf(oauth.InvalidRequest, "code_challenge_method must be S256, got %q", req.challengeMethod)
	case !oauth.ValidChallenge(req.challenge):
		return req, nil, oauth.Errorf(oauth.InvalidRequest, "code_challenge must be 43 base64url characters, the S256 of the verifier")
	}
	scopes := oauth.ParseScope(q.Get("scope"))
	if len(scopes) == 0 {
		scopes = []string{"profile"}
	}
	for _, sc := range scopes {
		if !contains(supportedScopes, sc) {
			return req, nil, oauth.Errorf(oauth.InvalidScope, "unknown scope %q; this server grants %s", sc, strings.Join(supportedScopes, ", "))
		}
	}
	req.scope = strings.Join(scopes, " ")
	if v := q.Get("authlab_code_ttl"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > int(MaxCodeTTL/time.Second) {
			return req, nil, oauth.Errorf(oauth.InvalidRequest, "authlab_code_ttl must be 1 to 60 seconds")
		}
		req.codeTTL = time.Duration(n) * time.Second
	}
	return req, nil, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// redirectBack sends the authorization response to the client (RFC 6749
// §4.1.2 and §4.1.2.1) with the iss parameter of RFC 9207.
func (s *Server) redirectBack(w http.ResponseWriter, r *http.Request, req *authzRequest, params url.Values) {
	u, _ := url.Parse(req.redirectURI)
	q := u.Query()
	for k, vs := range params {
		q[k] = vs
	}
	if req.state != "" {
		q.Set("state", req.state)
	}
	q.Set("iss", s.issuer(r))
	u.RawQuery = q.Encode()
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.String(), http.StatusSeeOther)
}

func (s *Server) redirectError(w http.ResponseWriter, r *http.Request, req *authzRequest, e *oauth.Error) {
	s.redirectBack(w, r, req, url.Values{"error": {e.Code}, "error_description": {e.Description}})
}

// authorize shows the consent page for a valid request.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	req, fatal, rerr := s.parseAuthz(r, r.URL.Query())
	if fatal != nil {
		s.renderAuthzError(w, fatal)
		return
	}
	if rerr != nil {
		s.authzError(w, r, req, rerr)
		return
	}
	s.renderConsent(w, r, http.StatusOK, req, s.sessionUser(r), "")
}

// decide handles the consent form: log in if needed, then approve or deny.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	if err := s.sameOrigin(r); err != nil {
		s.renderAuthzError(w, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	if err := r.ParseForm(); err != nil {
		s.renderAuthzError(w, fmt.Errorf("the consent form could not be read: %v", err))
		return
	}
	req, fatal, rerr := s.parseAuthz(r, r.PostForm)
	if fatal != nil {
		s.renderAuthzError(w, fatal)
		return
	}
	if rerr != nil {
		s.authzError(w, r, req, rerr)
		return
	}
	// The user's decision goes back to the client, whoever registered it:
	// the page named the redirect host, and the user chose.
	if r.PostForm.Get("decision") != "approve" {
		s.redirectError(w, r, req, oauth.Errorf(oauth.AccessDenied, "the user denied the request"))
		return
	}
	var user *User
	var authTime time.Time
	if r.PostForm.Get("username") == "" {
		user, authTime = s.sessionAuth(r)
	}
	if user == nil {
		u, err := s.throttledLogin(w, r, r.PostForm.Get("username"), r.PostForm.Get("password"))
		if err != nil {
			status := lookupError(err).status
			if errors.Is(err, ErrInvalidCredentials) || r.PostForm.Get("username") == "" {
				status, err = http.StatusUnauthorized, errors.New("wrong username or password")
			}
			s.renderConsent(w, r, status, req, nil, err.Error())
			return
		}
		user, authTime = u, s.cfg.Now().UTC()
	}
	code, err := s.randomToken(32)
	var family string
	if err == nil {
		family, err = s.randomToken(16)
	}
	now := s.cfg.Now().UTC()
	if err == nil {
		err = s.cfg.Store.CreateCode(r.Context(), &AuthCode{
			Hash: hashToken(code), ClientID: req.client.ID, RedirectURI: req.redirectURI, Challenge: req.challenge,
			UserID: user.ID, Scope: req.scope, Nonce: req.nonce, Family: family,
			CreatedAt: now, ExpiresAt: now.Add(req.codeTTL), AuthTime: authTime,
		})
	}
	if err != nil {
		s.redirectError(w, r, req, oauth.Errorf(oauth.ServerError, "the code could not be issued"))
		return
	}
	s.redirectBack(w, r, req, url.Values{"code": {code}})
}

// sessionUser is the account of the request's cookie session, or nil.
func (s *Server) sessionUser(r *http.Request) *User {
	u, _ := s.sessionAuth(r)
	return u
}

// sessionAuth is sessionUser, and when the session's user logged in: the
// auth_time of what the session approves (OpenID Connect Core §2).
func (s *Server) sessionAuth(r *http.Request) (*User, time.Time) {
	se, err := s.session(r)
	if err != nil {
		return nil, time.Time{}
	}
	u, err := s.cfg.Store.UserByID(r.Context(), se.UserID)
	if err != nil {
		return nil, time.Time{}
	}
	return u, se.CreatedAt
}
