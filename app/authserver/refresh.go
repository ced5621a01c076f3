package authserver

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
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

// issueRefresh stores and returns a new refresh token in family, or in a
// new family when family is "".
func (s *Server) issueRefresh(ctx context.Context, userID int64, clientID, scope, family string) (string, error) {
	return s.storeRefresh(ctx, userID, clientID, scope, family, "")
}

// issueRefreshWith is issueRefresh for a token issued beside the access
// token jti.
func (s *Server) issueRefreshWith(r *http.Request, userID int64, clientID, scope, family, jti string) (string, error) {
	return s.storeRefresh(r.Context(), userID, clientID, scope, family, jti)
}

func (s *Server) storeRefresh(ctx context.Context, userID int64, clientID, scope, family, jti string) (string, error) {
	t, tok, err := s.newRefresh(userID, clientID, scope, family, jti)
	if err == nil {
		err = s.cfg.Store.CreateRefresh(ctx, t)
	}
	if err != nil {
		return "", err
	}
	return tok, nil
}

// newRefresh makes a refresh token, in a new family when family is empty,
// and returns what is stored of it and the token itself.
func (s *Server) newRefresh(userID int64, clientID, scope, family, jti string) (*RefreshToken, string, error) {
	tok, err := s.randomToken(32)
	if err != nil {
		return nil, "", err
	}
	if family == "" {
		if family, err = s.randomToken(16); err != nil {
			return nil, "", err
		}
	}
	now := s.cfg.Now().UTC()
	return &RefreshToken{
		Hash: hashToken(tok), Family: family, UserID: userID, ClientID: clientID, Scope: scope,
		CreatedAt: now, ExpiresAt: now.Add(s.cfg.RefreshTTL), AccessJTI: jti,
	}, tok, nil
}

// refresh rotates a refresh token (RFC 6749 §6): the presented token is
// spent and a new one of the same family is returned. Presenting a spent
// token revokes the family (RFC 9700 §4.14.2).
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
	old, err := s.cfg.Store.UseRefresh(r.Context(), hashToken(req.RefreshToken), s.cfg.Now().UTC())
	if err != nil {
		writeError(w, err)
		return
	}
	u, err := s.cfg.Store.UserByID(r.Context(), old.UserID)
	if err != nil {
		writeError(w, fmt.Errorf("%w: the account no longer exists", ErrInvalidGrant))
		return
	}
	tok, err := s.issueAccess(r, u, old.Scope)
	if err == nil {
		tok.RefreshToken, err = s.issueRefresh(r.Context(), u.ID, old.ClientID, old.Scope, old.Family)
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, tok)
}
