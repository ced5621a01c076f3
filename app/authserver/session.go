package authserver

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// SessionCookie is the session cookie's name. The __Host- prefix makes
// browsers refuse it unless it is Secure, has Path=/ and no Domain
// (RFC 6265bis §4.1.3.2).
const SessionCookie = "__Host-authlab_session"

func (s *Server) sessionLogin(w http.ResponseWriter, r *http.Request) {
	if err := s.sameOrigin(r); err != nil {
		writeError(w, err)
		return
	}
	u, err := s.loginJSON(w, r)
	if err != nil {
		writeError(w, err)
		return
	}
	id, err := s.randomToken(32)
	if err != nil {
		writeError(w, err)
		return
	}
	now := s.cfg.Now().UTC()
	se := &Session{IDHash: hashToken(id), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.SessionTTL)}
	if err := s.cfg.Store.CreateSession(r.Context(), se); err != nil {
		writeError(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: id, Path: "/", MaxAge: int(s.cfg.SessionTTL / time.Second),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
	writeJSON(w, http.StatusOK, map[string]any{"user": userJSON(u), "expires_at": se.ExpiresAt.Unix()})
}

// session returns the live session named by the request's cookie.
func (s *Server) session(r *http.Request) (*Session, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, fmt.Errorf("%w: no session cookie", ErrNoToken)
	}
	se, err := s.cfg.Store.SessionByHash(r.Context(), hashToken(c.Value), s.cfg.Now().UTC())
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%w: the session is unknown or expired", ErrNoToken)
	}
	return se, err
}

func (s *Server) sessionMe(w http.ResponseWriter, r *http.Request) {
	se, err := s.session(r)
	if err != nil {
		writeError(w, err)
		return
	}
	u, err := s.cfg.Store.UserByID(r.Context(), se.UserID)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"user": userJSON(u), "expires_at": se.ExpiresAt.Unix()})
}

func (s *Server) sessionLogout(w http.ResponseWriter, r *http.Request) {
	if err := s.sameOrigin(r); err != nil {
		writeError(w, err)
		return
	}
	if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
		if err := s.cfg.Store.DeleteSession(r.Context(), hashToken(c.Value)); err != nil {
			writeError(w, err)
			return
		}
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	w.WriteHeader(http.StatusNoContent)
}
