package authserver

import (
	"fmt"
	"net/http"
	"time"
)

// OtherAudience is the aud of the wrong-audience demo token: a service
// that is not this one.
const OtherAudience = "https://another-service.authlab.invalid"

// demoTokens issues, to the holder of a valid access token, two tokens
// that every route refuses for a reason of their own, so that each of
// RFC 6750 §3.1's invalid_token answers can be seen: one that expired
// before it was issued (RFC 7519 §4.1.4), and one for another audience
// (§4.1.3). Both are signed with the server's key, so that a verifier
// reads past the signature to the claim that fails. They carry the
// caller's own sub, scope and client_id, nothing more.
func (s *Server) demoTokens(w http.ResponseWriter, r *http.Request, claims map[string]any) {
	sub, _ := claims["sub"].(string)
	scope, _ := claims["scope"].(string)
	clientID, _ := claims["client_id"].(string)
	now := s.cfg.Now().UTC()
	sign := func(iat, exp time.Time, aud string) (string, error) {
		tok, _, err := s.signAccessClaims(r, &accessClaims{Aud: aud, Sub: sub, Scope: scope, ClientID: clientID,
			Iat: iat.Unix(), Exp: exp.Unix()})
		return tok, err
	}
	expired, err := sign(now.Add(-10*time.Minute), now.Add(-2*leeway-time.Minute), s.cfg.Audience)
	if err != nil {
		writeError(w, fmt.Errorf("sign: %w", err))
		return
	}
	other, err := sign(now, now.Add(5*time.Minute), OtherAudience)
	if err != nil {
		writeError(w, fmt.Errorf("sign: %w", err))
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"expired": expired, "other_audience": other})
}
