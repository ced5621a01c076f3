package authserver

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"time"
)

// randomToken returns n random bytes, base64url-encoded.
func (s *Server) randomToken(n int) (string, error) {
	b := make([]byte, n)
	if _, err := io.ReadFull(s.cfg.Rand, b); err != nil {
		return "", fmt.Errorf("randomness: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// hashToken is the hex SHA-256 under which a bearer secret is stored.
func hashToken(t string) string {
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// grant is what a refresh token carries over from the grant it belongs to.
type grant struct {
	userID   int64
	clientID string
	scope    string
	family   string    // "" starts a new family
	jti      string    // the access token issued beside the refresh token
	authTime time.Time // when the user authenticated; zero when unknown
}

// issueRefresh stores and returns a new refresh token of g.
func (s *Server) issueRefresh(ctx context.Context, g grant) (string, error) {
	t, tok, err := s.newRefresh(g)
	if err == nil {
		err = s.cfg.Store.CreateRefresh(ctx, t)
	}
	if err != nil {
		return "", err
	}
	return tok, nil
}

// newRefresh makes a refresh token of g, in a new family when g has none,
// and returns what is stored of it and the token itself.
func (s *Server) newRefresh(g grant) (*RefreshToken, string, error) {
	tok, err := s.randomToken(32)
	if err != nil {
		return nil, "", err
	}
	if g.family == "" {
		if g.family, err = s.randomToken(16); err != nil {
			return nil, "", err
		}
	}
	now := s.cfg.Now().UTC()
	return &RefreshToken{
		Hash: hashToken(tok), Family: g.family, UserID: g.userID, ClientID: g.clientID, Scope: g.scope,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTTL), AccessJTI: g.jti, AuthTime: g.authTime,
	}, tok, nil
}

// firstParty reports whether a refresh token was issued by POST
// /api/login: to LoginClientID, or, before login had a client id of its
// own, to none.
func (t *RefreshToken) firstParty() bool { return t.ClientID == LoginClientID || t.ClientID == "" }

// refresh rotates a first-party refresh token (RFC 6749 §6): the
// presented token is spent and a new one of the same family is returned.
// Presenting a spent token revokes the family (RFC 9700 §4.14.2). A token
// issued to an OAuth client is refused, and left unspent: it is redeemable
// only at /oauth/token, by its client (RFC 6749 §6, §10.4).
func (s *Server) refresh(w http.ResponseWriter, r *http.Request) {
	var req struct {
		RefreshToken string `json:"refresh_token"`
	}
	if err := decodeJSON(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	if req.RefreshToken == "" {
		writeError(w, fmt.Errorf("%w: refresh_token is required", ErrInvalidRequest))
		return
	}
	hash, now := hashToken(req.RefreshToken), s.cfg.Now().UTC()
	if t, _, err := s.cfg.Store.RefreshByHash(r.Context(), hash, now); err == nil && !t.firstParty() {
		writeError(w, fmt.Errorf("%w: the refresh token was issued to the OAuth client %s; redeem it at /oauth/token with that client's authentication", ErrInvalidGrant, t.ClientID))
		return
	}
	old, err := s.cfg.Store.UseRefresh(r.Context(), hash, now, now.Add(s.cfg.AccessTTL+leeway))
	if err != nil {
		writeError(w, err)
		return
	}
	if !old.firstParty() {
		writeError(w, fmt.Errorf("%w: the refresh token was issued to the OAuth client %s", ErrInvalidGrant, old.ClientID))
		return
	}
	u, err := s.cfg.Store.UserByID(r.Context(), old.UserID)
	if err != nil {
		writeError(w, fmt.Errorf("%w: the account no longer exists", ErrInvalidGrant))
		return
	}
	tok, jti, err := s.issueAccess(r, u)
	if err == nil {
		tok.RefreshToken, err = s.issueRefresh(r.Context(), grant{userID: u.ID, clientID: LoginClientID,
			scope: firstPartyScope, family: old.Family, jti: jti, authTime: old.AuthTime})
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, tok)
}
