package authserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/app/jot"
)

// leeway allows for clock skew between issuer and verifier.
const leeway = 30 * time.Second

// verifySigned checks an access token issued here on its own, as a
// resource server does: signature, alg, iss, aud and times (RFC 9068 §4).
func (s *Server) verifySigned(r *http.Request, raw string) (*jot.Token, error) {
	return jot.Verify(raw, s.verifyKey, s.verifyOpts[0], s.verifyOpts[1], s.verifyOpts[2], s.verifyOpts[3], s.verifyOpts[4], s.verifyOpts[5], s.verifyOpts[6],
		jot.WithIssuer(s.issuer(r)))
}

// verifiedTokens is how many verified access tokens a server remembers:
// a client sends the same token with every request until it expires, and
// a remembered one skips decoding and the signature check (see jot.Cache).
const verifiedTokens = 1024

// verifyOptions are verifySigned's options but the issuer, which may
// depend on the request; New builds them once. Only a token typed as an
// access token is one: an ID token is refused by its typ (RFC 9068 §4,
// RFC 8725 §3.11).
func (s *Server) verifyOptions() [7]jot.Option {
	return [...]jot.Option{
		jot.WithType("at+jwt"),
		jot.WithCache(jot.NewCache(verifiedTokens)),
		jot.WithAlgorithms("ES256", "EdDSA"),
		jot.WithAudience(s.cfg.Audience),
		jot.WithRequiredClaims("exp", "iat", "sub", "jti"),
		jot.WithLeeway(leeway),
		jot.WithTimeFunc(s.cfg.Now),
	}
}

// bearer wraps a handler with RFC 6750 §2.1 Bearer authentication and
// hands it the verified claims. The token must be an access token issued
// here (RFC 9068 §4), not revoked (RFC 7009 §2), and hold the scope that
// the scope table names for the route (RFC 6750 §3.1).
func (s *Server) bearer(next func(http.ResponseWriter, *http.Request, map[string]any)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw, err := bearerToken(r)
		var claims map[string]any
		if err == nil {
			if claims, err = s.verifyAccess(r, raw); err != nil {
				err = wrapInvalidToken(err)
			}
		}
		if err == nil {
			err = s.checkScope(r, claims)
		}
		if err != nil {
			s.challenge(w, err)
			return
		}
		next(w, r, claims)
	}
}

// selfContained is bearer as a resource server without access to the
// authorization server's state checks a token: by its signature, its
// claims and its scope only, so a revoked token works until it expires
// (RFC 9068 §4). Only /api/protected is served so, to show the difference.
func (s *Server) selfContained(next func(http.ResponseWriter, *http.Request, *jot.Token)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw, err := bearerToken(r)
		var t *jot.Token
		if err == nil {
			if t, err = s.verifySigned(r, raw); err != nil {
				err = wrapInvalidToken(err)
			}
		}
		if err == nil {
			err = s.checkScope(r, t.Claims)
		}
		if err != nil {
			s.challenge(w, err)
			return
		}
		next(w, r, t)
	}
}

// scopeError is a token without the scope a route needs (RFC 6750 §3.1).
type scopeError struct{ scope, msg string }

func (e *scopeError) Error() string { return ErrInsufficientScope.Error() + ": " + e.msg }
func (e *scopeError) Unwrap() error { return ErrInsufficientScope }

// checkScope refuses claims without the scope the route serving r needs.
// A route missing from the scope table refuses every token: a route is
// open to a token only by a row of the table.
func (s *Server) checkScope(r *http.Request, claims map[string]any) error {
	want, ok := s.requiredScope(r)
	if !ok {
		return &scopeError{msg: "this route grants access to no scope"}
	}
	if granted, _ := claims["scope"].(string); !hasScope(granted, want) {
		return &scopeError{scope: want, msg: "this route needs the " + want + " scope; the token has " + quotedScope(granted)}
	}
	return nil
}

func quotedScope(s string) string {
	if s == "" {
		return "none"
	}
	return `"` + s + `"`
}

// bearerToken extracts the b64token of RFC 6750 §2.1 from Authorization.
// The scheme is case-insensitive (RFC 7235 §2.1).
func bearerToken(r *http.Request) (string, error) {
	values := r.Header.Values("Authorization")
	if len(values) == 0 {
		return "", fmt.Errorf("%w: send Authorization: Bearer <token>", ErrNoToken)
	}
	if len(values) > 1 {
		return "", fmt.Errorf("%w: more than one Authorization header", ErrInvalidRequest)
	}
	scheme, token, found := strings.Cut(values[0], " ")
	if !strings.EqualFold(scheme, "Bearer") {
		return "", fmt.Errorf("%w: the Authorization scheme is not Bearer", ErrNoToken)
	}
	if !found || token == "" {
		return "", fmt.Errorf("%w: the Bearer scheme needs a token after one space", ErrInvalidRequest)
	}
	if !isB64Token(token) {
		return "", fmt.Errorf("%w: the token holds characters that RFC 6750 §2.1 does not allow", ErrInvalidRequest)
	}
	return token, nil
}

func isB64Token(s string) bool {
	body := strings.TrimRight(s, "=")
	if body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
			c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/') {
			return false
		}
	}
	return true
}

// challenge answers a failed Bearer authentication with the
// WWW-Authenticate header of RFC 6750 §3: no error code when no token was
// sent, and invalid_request, invalid_token or insufficient_scope otherwise.
func (s *Server) challenge(w http.ResponseWriter, err error) {
	v := `Bearer realm="` + s.cfg.Realm + `"`
	if !errors.Is(err, ErrNoToken) {
		code := lookupError(err).code
		v += `, error="` + code + `", error_description="` + quoteSafe(err.Error()) + `"`
	}
	if se := (*scopeError)(nil); errors.As(err, &se) && se.scope != "" {
		v += `, scope="` + se.scope + `"`
	}
	w.Header().Set("WWW-Authenticate", v)
	writeError(w, err)
}

// quoteSafe makes s fit inside a quoted-string: error_description allows
// only %x20-21 / %x23-5B / %x5D-7E (RFC 6750 §3).
func quoteSafe(s string) string {
	s = strings.ReplaceAll(s, "§", "section ")
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' {
			b = append(b, c)
		} else if c < 0x80 {
			b = append(b, '\'')
		} else if c >= 0xc0 {
			b = append(b, '?') // one mark per non-ASCII character
		}
	}
	return string(b)
}

// protected answers with the token's claims. It is the hottest route, so
// the answer is written by hand rather than by encoding a map: the claims
// are the verified payload, compacted, which is what encoding the claims
// map gives for the tokens this server signs (their keys sorted, their
// numbers as written).
func (s *Server) protected(w http.ResponseWriter, r *http.Request, t *jot.Token) {
	var claims bytes.Buffer
	scope, err1 := marshalClaim(t.Claims["scope"])
	sub, err2 := marshalClaim(t.Claims["sub"])
	if err := compact(&claims, t.Payload); err != nil || err1 != nil || err2 != nil {
		writeJSON(w, http.StatusOK, map[string]any{
			"message": "you hold a valid Bearer token",
			"sub":     t.Claims["sub"],
			"scope":   t.Claims["scope"],
			"claims":  t.Claims,
		})
		return
	}
	b := make([]byte, 0, claims.Len()+len(scope)+len(sub)+80)
	b = append(b, `{"claims":`...)
	b = append(b, claims.Bytes()...)
	b = append(b, `,"message":"you hold a valid Bearer token","scope":`...)
	b = append(b, scope...)
	b = append(b, `,"sub":`...)
	b = append(b, sub...)
	b = append(b, "}\n"...)
	writeRawJSON(w, http.StatusOK, b)
}

// compact is json.Compact, which a payload without any JSON whitespace
// byte needs not: it is verified JSON, compact already.
func compact(dst *bytes.Buffer, src []byte) error {
	if bytes.IndexAny(src, " \t\r\n") < 0 {
		dst.Write(src)
		return nil
	}
	return json.Compact(dst, src)
}

// marshalClaim is json.Marshal, with a shortcut for the strings that it
// writes as they are, between quotes: printable ASCII without the
// characters it escapes.
func marshalClaim(v any) ([]byte, error) {
	s, ok := v.(string)
	if !ok {
		return json.Marshal(v)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			return json.Marshal(v)
		}
	}
	return append(append(append(make([]byte, 0, len(s)+2), '"'), s...), '"'), nil
}

func (s *Server) profile(w http.ResponseWriter, r *http.Request, claims map[string]any) {
	sub, _ := claims["sub"].(string)
	id, err := strconv.ParseInt(sub, 10, 64)
	if err != nil {
		s.challenge(w, fmt.Errorf("%w: sub is not a user id", ErrInvalidToken))
		return
	}
	u, err := s.cfg.Store.UserByID(r.Context(), id)
	if errors.Is(err, ErrNotFound) {
		s.challenge(w, fmt.Errorf("%w: the user no longer exists", ErrInvalidToken))
		return
	}
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, userJSON(u))
}
