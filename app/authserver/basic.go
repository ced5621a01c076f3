package authserver

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"

	"github.com/authlab/authlab/app/basic"
)

// basicCredentials reads Basic credentials (RFC 7617 §2) from the request.
// The scheme is matched case-insensitively.
func basicCredentials(r *http.Request) (*basic.Credentials, error) {
	values := r.Header.Values("Authorization")
	if len(values) == 0 {
		return nil, fmt.Errorf("%w: send Authorization: Basic with base64(user-id:password)", ErrNoToken)
	}
	if len(values) > 1 {
		return nil, fmt.Errorf("%w: more than one Authorization header", ErrInvalidRequest)
	}
	a, err := basic.ParseAuthorization(values[0])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	if !a.IsBasic() {
		return nil, fmt.Errorf("%w: the scheme is %s, not Basic", ErrNoToken, a.Scheme)
	}
	c, err := a.Basic()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidRequest, err)
	}
	return c, nil
}

func (s *Server) basicChallenge(w http.ResponseWriter, realm string, err error) {
	w.Header().Set("WWW-Authenticate", basic.Challenge(realm))
	if errors.Is(err, ErrInvalidRequest) {
		writeError(w, err)
		return
	}
	code := http.StatusUnauthorized
	writeJSON(w, code, errorBody{Error: "unauthorized", Description: err.Error()})
}

// equal compares two secrets in constant time.
func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// basicFixed is httpbin's /basic-auth/{user}/{passwd}: the credentials in
// the path are the ones expected. hidden answers 404 instead of 401, as
// httpbin's /hidden-basic-auth does.
func (s *Server) basicFixed(hidden bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, pass := r.PathValue("user"), r.PathValue("passwd")
		c, err := basicCredentials(r)
		if err == nil && !(equal(c.User, user) && equal(c.Password, pass)) {
			err = errors.New("wrong user-id or password")
		}
		if err != nil {
			if hidden {
				writeError(w, fmt.Errorf("%w: %s", ErrNotFound, r.URL.Path))
				return
			}
			s.basicChallenge(w, "Fake Realm", err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"authenticated": true, "user": user})
	}
}

// basicAccount checks Basic credentials against registered accounts, under
// the same throttle as /api/login.
func (s *Server) basicAccount(w http.ResponseWriter, r *http.Request) {
	c, err := basicCredentials(r)
	if err != nil {
		s.basicChallenge(w, s.cfg.Realm, err)
		return
	}
	u, err := s.throttledLogin(w, r, c.User, c.Password)
	switch {
	case errors.Is(err, ErrInvalidCredentials):
		s.basicChallenge(w, s.cfg.Realm, err)
		return
	case err != nil:
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"authenticated": true, "user": userJSON(u)})
}

// anyBearer is httpbin's /bearer: any Bearer token is accepted, unverified.
// The scheme is matched case-insensitively (RFC 7235 §2.1).
func (s *Server) anyBearer(w http.ResponseWriter, r *http.Request) {
	tok, err := bearerToken(r)
	if err != nil {
		s.challenge(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"authenticated": true, "token": tok})
}
