package authserver

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/oauth"
)

// verifyAccess checks an access token issued here, including revocation.
func (s *Server) verifyAccess(r *http.Request, raw string) (map[string]any, error) {
	t, err := s.verifySigned(r, raw)
	if err != nil {
		return nil, err
	}
	jti, _ := t.Claims["jti"].(string)
	revoked, err := s.cfg.Store.AccessRevoked(r.Context(), jti)
	if err != nil {
		return nil, err
	}
	if revoked {
		return nil, ErrRevoked
	}
	return t.Claims, nil
}

// introspect is RFC 7662 §2: an authenticated client asks whether a token
// is active. Access tokens are answered for any confidential client;
// refresh tokens only for the client they were issued to.
func (s *Server) introspect(w http.ResponseWriter, r *http.Request) {
	form, oerr := readForm(w, r)
	if oerr == nil {
		var c *Client
		if c, oerr = s.authenticateClient(w, r, form); oerr == nil && c.Public() {
			// RFC 7662 §2.1: a public client's id authenticates nothing,
			// and would let anyone scan for tokens.
			oerr = oauth.Errorf(oauth.InvalidClient, "%s is a public client; introspection requires client authentication (RFC 7662 §2.1)", c.ID)
			if r.Header.Get("Authorization") != "" {
				w.Header().Set("WWW-Authenticate", `Basic realm="`+s.cfg.Realm+`", charset="UTF-8"`)
			}
		}
		if oerr == nil {
			s.introspectFor(w, r, c, form.Get("token"))
			return
		}
	}
	writeOAuthError(w, oerr)
}

func (s *Server) introspectFor(w http.ResponseWriter, r *http.Request, c *Client, raw string) {
	inactive := map[string]any{"active": false}
	if raw == "" {
		writeOAuthError(w, oauth.Errorf(oauth.InvalidRequest, "token is missing"))
		return
	}
	if strings.Count(raw, ".") == 2 {
		claims, err := s.verifyAccess(r, raw)
		if err != nil {
			writeJSON(w, http.StatusOK, inactive)
			return
		}
		out := map[string]any{"active": true, "token_type": "Bearer"}
		for _, k := range []string{"scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti"} {
			if v, ok := claims[k]; ok {
				out[k] = v
			}
		}
		if name, ok := claims["preferred_username"]; ok {
			out["username"] = name
		}
		writeJSON(w, http.StatusOK, out)
		return
	}
	t, active, err := s.cfg.Store.RefreshByHash(r.Context(), hashToken(raw), s.cfg.Now().UTC())
	if err != nil || !active || t.ClientID != c.ID {
		writeJSON(w, http.StatusOK, inactive)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"active": true, "token_type": "refresh_token", "client_id": t.ClientID, "scope": t.Scope,
		"sub": strconvID(t.UserID), "exp": t.ExpiresAt.Unix(), "iat": t.CreatedAt.Unix(), "iss": s.issuer(r),
	})
}

// revoke is RFC 7009 §2: a client revokes one of its tokens. A refresh
// token takes its family along; an access token is refused from then on by
// introspection and userinfo. A valid token issued to another client is
// refused with unauthorized_client and left valid (§2.1, §2.2.1); unknown
// and no longer valid tokens are answered 200 (§2.2).
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	form, oerr := readForm(w, r)
	var c *Client
	if oerr == nil {
		c, oerr = s.authenticateClient(w, r, form)
	}
	if oerr == nil && form.Get("token") == "" {
		oerr = oauth.Errorf(oauth.InvalidRequest, "token is missing")
	}
	if oerr != nil {
		writeOAuthError(w, oerr)
		return
	}
	raw := form.Get("token")
	now := s.cfg.Now().UTC()
	var err error
	if strings.Count(raw, ".") == 2 {
		if claims, verr := s.verifyAccess(r, raw); verr == nil {
			if claims["client_id"] != c.ID {
				writeOAuthError(w, notIssuedTo(c))
				return
			}
			exp, _, _ := jot.NumericDate(claims, "exp")
			jti, _ := claims["jti"].(string)
			err = s.cfg.Store.RevokeAccess(r.Context(), jti, exp.Add(leeway))
		}
	} else {
		hash := hashToken(raw)
		t, active, ferr := s.cfg.Store.RefreshByHash(r.Context(), hash, now)
		switch {
		case ferr != nil && !errors.Is(ferr, ErrNotFound):
			err = ferr
		case ferr == nil && active && t.ClientID != c.ID:
			writeOAuthError(w, notIssuedTo(c))
			return
		case ferr == nil:
			err = s.cfg.Store.RevokeFamilyOf(r.Context(), hash, c.ID, now, now.Add(s.cfg.AccessTTL+leeway))
		}
	}
	if err != nil {
		writeOAuthError(w, oauthErrorFrom(err))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
}

// notIssuedTo is the RFC 7009 §2.2.1 answer to a client that revokes a
// token issued to another.
func notIssuedTo(c *Client) *oauth.Error {
	return oauth.Errorf(oauth.UnauthorizedClient, "the token was not issued to %s, so it may not revoke it (RFC 7009 §2.1)", c.ID)
}

// userinfo is OpenID Connect Core §5.3: the claims about the user behind
// an access token with the openid or profile scope, by GET or POST
// (§5.3.1).
func (s *Server) userinfo(w http.ResponseWriter, r *http.Request) {
	raw, err := userinfoToken(w, r)
	var claims map[string]any
	if err == nil {
		if claims, err = s.verifyAccess(r, raw); err != nil {
			err = wrapInvalidToken(err)
		}
	}
	if err != nil {
		s.challenge(w, err)
		return
	}
	if err := s.checkScope(r, claims); err != nil {
		s.challenge(w, err)
		return
	}
	id, err := userID(claims)
	if err != nil {
		s.challenge(w, wrapScope("the token belongs to a client, not a user"))
		return
	}
	u, err := s.cfg.Store.UserByID(r.Context(), id)
	if err != nil {
		s.challenge(w, wrapInvalidToken(err))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"sub": strconvID(u.ID), "preferred_username": u.Username, "name": u.Username,
		"updated_at": u.CreatedAt.Unix(),
	})
}

// userinfoToken finds a UserInfo request's access token: in the
// Authorization header (RFC 6750 §2.1), or on POST in the access_token
// parameter of an application/x-www-form-urlencoded body (RFC 6750 §2.2),
// which no other body type carries. A client that sends the token both
// ways is refused (RFC 6750 §2).
func userinfoToken(w http.ResponseWriter, r *http.Request) (string, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if r.Method != http.MethodPost || mt != "application/x-www-form-urlencoded" {
		return bearerToken(r)
	}
	form, oerr := readForm(w, r)
	if oerr != nil {
		return "", fmt.Errorf("%w: %s", ErrInvalidRequest, oerr.Description)
	}
	v, inBody := form["access_token"]
	switch {
	case !inBody:
		return bearerToken(r)
	case r.Header.Get("Authorization") != "":
		return "", fmt.Errorf("%w: send the access token in the Authorization header or in the body, not both (RFC 6750 §2)", ErrInvalidRequest)
	case !isB64Token(v[0]):
		return "", fmt.Errorf("%w: the access_token parameter is empty or holds characters that RFC 6750 §2.1 does not allow", ErrInvalidRequest)
	}
	return v[0], nil
}

func stringClaim(c map[string]any, name string) string {
	s, _ := c[name].(string)
	return s
}
