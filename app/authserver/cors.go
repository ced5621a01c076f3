package authserver

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// cors applies the Fetch standard's CORS protocol for allowed origins and
// answers preflight requests. It reports whether the request is answered.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	allowed := slices.Contains(s.cfg.AllowedOrigins, origin)
	preflight := r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != ""
	if !allowed {
		if preflight {
			writeError(w, fmt.Errorf("%w: origin %s is not allowed to call this API", ErrForbidden, origin))
			return true
		}
		return false
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Allow-Credentials", "true")
	h.Set("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Warning")
	if !preflight {
		return false
	}
	h.Set("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, X-API-Key")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// sameOrigin refuses state-changing requests that a browser sent from
// another site: the Origin must be this server's or an allowed one, and
// without Origin, Sec-Fetch-Site must not be cross-site.
func (s *Server) sameOrigin(r *http.Request) error {
	origin := r.Header.Get("Origin")
	if origin == "" {
		if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
			return fmt.Errorf("%w: cross-site request refused", ErrForbidden)
		}
		return nil
	}
	if strings.EqualFold(origin, originOf(r)) || slices.Contains(s.cfg.AllowedOrigins, origin) {
		return nil
	}
	return fmt.Errorf("%w: cross-site request from %s refused", ErrForbidden, origin)
}
