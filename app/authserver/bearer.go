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
	return jot.Verify(raw, s.verifyKey, s.verifyOpts[0], s.verifyOpts[1], s.verifyOpts[2], s.verifyOpts[3], s.verifyOpts[4], s.verifyOpts[5],
		jot.WithIssuer(s.issuer(r)))
}

// verifiedTokens is how many verified access tokens a server remembers:
// a client sends the same token with every request until it expires, and
// a remembered one skips decoding and the signature check (see jot.Cache).
const verifiedTokens = 1024

// verifyOptions are verifySigned's options but the issuer, which may
// depend on the request; New builds them once.
func (s *Server) verifyOptions() [6]jot.Option {
	return [...]jot.Option{
		jot.WithCache(jot.NewCache(verifiedTokens)),
		jot.WithAlgorithms("ES256", "EdDSA"),
		jot.WithAudience(s.cfg.Audience),
		jot.WithRequiredClaims("exp", "iat", "sub", "jti"),
		jot.WithLeeway(leeway),
		jot.WithTimeFunc(s.cfg.Now),
	}
}

// bearer wraps a handler with RFC 6750 §2.1 Bearer authentication and
// hands it the verified claims.
func (s *Server) bearer(next func(http.ResponseWriter, *http.Request, map[string]any)) http.HandlerFunc {
	return s.withToken(func(w http.ResponseWriter, r *http.Request, t *jot.Token) { next(w, r, t.Claims) })
}

// withToken is bearer for handlers that need the whole verified token.
func (s *Server) withToken(next func(http.ResponseWriter, *http.Request, *jot.Token)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		raw, err := bearerToken(r)
		if err == nil {
			var t *jot.Token
			t, err = s.verifySigned(r, raw)
			if err != nil {
				err = fmt.Errorf("%w: %v", ErrInvalidToken, err)
			} else {
				next(w, r, t)
				return
			}
		}
		s.challenge(w, err)
	}
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
