package authserver

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/password"
)

type credentials struct {
	Username *string `json:"username"`
	Password *string `json:"password"`
}

func (c *credentials) validate() (string, string, error) {
	switch {
	case c.Username == nil || *c.Username == "":
		return "", "", fmt.Errorf("%w: username is required", ErrInvalidRequest)
	case c.Password == nil || *c.Password == "":
		return "", "", fmt.Errorf("%w: password is required", ErrInvalidRequest)
	}
	return *c.Username, *c.Password, nil
}

// validUsername allows 3 to 64 characters of letters, digits, '.', '_' and '-'.
func validUsername(name string) error {
	if len(name) < 3 || len(name) > 64 {
		return fmt.Errorf("%w: username must have 3 to 64 characters", ErrInvalidRequest)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return fmt.Errorf("%w: username may hold only letters, digits, '.', '_' and '-'", ErrInvalidRequest)
		}
	}
	return nil
}

func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	var c credentials
	if err := decodeJSON(w, r, &c); err != nil {
		writeError(w, err)
		return
	}
	name, pw, err := c.validate()
	if err == nil {
		err = validUsername(name)
	}
	if err == nil {
		if werr := password.Validate(pw); werr != nil {
			err = fmt.Errorf("%w: %v", ErrInvalidRequest, werr)
		}
	}
	if err != nil {
		writeError(w, err)
		return
	}
	hash, err := s.cfg.Passwords.Hash(r.Context(), pw)
	if err != nil {
		writeError(w, err)
		return
	}
	u := &User{Username: name, PasswordHash: hash, CreatedAt: s.cfg.Now().UTC()}
	if err := s.cfg.Store.CreateUser(r.Context(), u); err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, userJSON(u))
}

func userJSON(u *User) map[string]any {
	return map[string]any{"id": strconv.FormatInt(u.ID, 10), "username": u.Username, "created_at": u.CreatedAt.Unix()}
}

// tokenResponse is the RFC 6749 §5.1 access token response.
type tokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
	Scope        string `json:"scope,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
}

// loginJSON reads {"username","password"} and checks them under the login
// throttle.
func (s *Server) loginJSON(w http.ResponseWriter, r *http.Request) (*User, error) {
	name, pw, err := readCredentials(w, r)
	if err != nil {
		return nil, err
	}
	return s.throttledLogin(w, r, name, pw)
}

func readCredentials(w http.ResponseWriter, r *http.Request) (string, string, error) {
	var c credentials
	if err := decodeJSON(w, r, &c); err != nil {
		return "", "", err
	}
	return c.validate()
}

// login checks {"username","password"} under the login throttle and
// answers with an access and a refresh token. The attempt is counted and
// the account read in one round trip, and the release of the attempt, the
// refresh token and, when the iteration count changed, the account's new
// password hash written in another.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	name, pw, err := readCredentials(w, r)
	if err != nil {
		writeError(w, err)
		return
	}
	u, attempt, err := s.checkLogin(w, r, name, pw)
	if err != nil {
		writeError(w, err)
		return
	}
	tok, jti, err := s.issueAccess(r, u)
	if err != nil {
		writeError(w, err)
		return
	}
	rt, plain, err := s.newRefresh(grant{userID: u.ID, clientID: LoginClientID, scope: firstPartyScope,
		jti: jti, authTime: s.cfg.Now().UTC()})
	if err == nil {
		err = s.cfg.Store.LoginDone(r.Context(), attempt, rt, s.rehash(r.Context(), u, pw))
	}
	if err != nil {
		writeError(w, err)
		return
	}
	tok.RefreshToken = plain
	writeJSON(w, http.StatusOK, tok)
}

// authenticate checks a password against u, the account looked up by name
// or nil when there is none. An unknown user costs the same key derivation
// as a wrong password, so timing does not tell which.
func (s *Server) authenticate(ctx context.Context, u *User, pw string) (*User, error) {
	if u == nil {
		s.dummyOnce.Do(func() { s.dummyHash, _ = s.cfg.Passwords.Hash(ctx, "not a real password") })
		s.cfg.Passwords.Check(ctx, s.dummyHash, pw)
		return nil, ErrInvalidCredentials
	}
	switch err := s.cfg.Passwords.Check(ctx, u.PasswordHash, pw); {
	case errors.Is(err, password.ErrMismatch):
		return nil, ErrInvalidCredentials
	case err != nil:
		return nil, err
	}
	return u, nil
}

// rehash hashes pw, which has just been checked against u, again with the
// configured iterations when u's hash was made with another count, so that
// a changed count reaches each account at its next login. It returns nil
// when the hash is current, or when hashing fails: the old hash still
// verifies, and the next login tries again.
func (s *Server) rehash(ctx context.Context, u *User, pw string) *Rehash {
	if !s.cfg.Passwords.NeedsRehash(u.PasswordHash) {
		return nil
	}
	h, err := s.cfg.Passwords.Hash(ctx, pw)
	if err != nil {
		return nil
	}
	return &Rehash{UserID: u.ID, Old: u.PasswordHash, New: h}
}

// LoginClientID is the client_id of the tokens that POST /api/login and
// POST /api/refresh issue to Authlab's own pages (RFC 9068 §2.2). It is
// no OAuth client: /oauth/token does not know it, so its refresh tokens
// are redeemable only at /api/refresh.
const LoginClientID = "authlab-login"

// issueAccess signs a first-party access token for u, for the login
// endpoints, and returns it with its jti.
func (s *Server) issueAccess(r *http.Request, u *User) (*tokenResponse, string, error) {
	tok, jti, err := s.signAccess(r, strconvID(u.ID), firstPartyScope, LoginClientID, &u.Username)
	if err != nil {
		return nil, "", err
	}
	return &tokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int64(s.cfg.AccessTTL.Seconds()), Scope: firstPartyScope}, jti, nil
}

func strconvID(id int64) string { return strconv.FormatInt(id, 10) }

// accessClaims are an access token's claims (RFC 9068 §2.2). A struct
// encodes faster than a map; its fields are in the order encoding/json
// writes a map's keys, so the token reads the same either way.
type accessClaims struct {
	Aud               string  `json:"aud"`
	ClientID          string  `json:"client_id,omitempty"`
	Exp               int64   `json:"exp"`
	Iat               int64   `json:"iat"`
	Iss               string  `json:"iss"`
	Jti               string  `json:"jti"`
	PreferredUsername *string `json:"preferred_username,omitempty"`
	Scope             string  `json:"scope"`
	Sub               string  `json:"sub"`
}

// signAccess signs a JWT access token (RFC 9068 §2.2) for sub and returns
// it with its jti. A token for an account carries its username.
func (s *Server) signAccess(r *http.Request, sub, scope, clientID string, username *string) (string, string, error) {
	now := s.cfg.Now().UTC()
	return s.signAccessClaims(r, &accessClaims{Aud: s.cfg.Audience, Sub: sub, Scope: scope, ClientID: clientID,
		PreferredUsername: username, Iat: now.Unix(), Exp: now.Add(s.cfg.AccessTTL).Unix()})
}

// signAccessClaims fills in iss and a fresh jti, and signs c as an access
// token (typ at+jwt, RFC 9068 §2.1) with the first signing key.
func (s *Server) signAccessClaims(r *http.Request, c *accessClaims) (string, string, error) {
	jti, err := s.randomToken(16)
	if err != nil {
		return "", "", err
	}
	c.Iss, c.Jti = s.issuer(r), jti
	tok, err := jot.Sign(c, s.alg, s.cfg.SigningKeys[0], map[string]any{"typ": "at+jwt"})
	return tok, jti, err
}
