package oauth

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// Errors of checking an authorization response.
var (
	ErrNoState        = errors.New("the response carries no state, but the request sent one")
	ErrStateMismatch  = errors.New("state differs from the one this browser sent: the response may be forged (CSRF)")
	ErrIssuerMismatch = errors.New("iss differs from the authorization server's issuer (RFC 9207 §2.4): a mix-up attack")
	ErrNoCode         = errors.New("the response carries neither code nor error")
	ErrDuplicate      = errors.New("a response parameter appears more than once")
)

// Callback is an authorization response as the redirect URI receives it
// (RFC 6749 §4.1.2 and §4.1.2.1), with the iss of RFC 9207.
type Callback struct {
	Code  string
	State string
	Iss   string
	// Err is the error response, when the server sent one.
	Err *Error
	// Params are all query parameters, in the order of the URL.
	Params []httpmsg.Field
}

// ParseCallback reads the query of the URL the authorization server
// redirected to. It does not check state: see Check.
func ParseCallback(rawURL string) (*Callback, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	c := &Callback{}
	seen := map[string]bool{}
	for _, pair := range splitQuery(u.RawQuery) {
		if seen[pair.Name] {
			return nil, fmt.Errorf("%w: %s", ErrDuplicate, pair.Name)
		}
		seen[pair.Name] = true
		c.Params = append(c.Params, pair)
	}
	q := u.Query()
	c.Code, c.State, c.Iss = q.Get("code"), q.Get("state"), q.Get("iss")
	if code := q.Get("error"); code != "" {
		c.Err = &Error{Code: code, Description: q.Get("error_description"), URI: q.Get("error_uri")}
	}
	return c, nil
}

func splitQuery(raw string) []httpmsg.Field {
	var out []httpmsg.Field
	for raw != "" {
		var part string
		part, raw, _ = strings.Cut(raw, "&")
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		k, _ = url.QueryUnescape(k)
		v, _ = url.QueryUnescape(v)
		out = append(out, httpmsg.Field{Name: k, Value: v})
	}
	return out
}

// Check verifies the response against the request: state must equal the
// one sent (RFC 6749 §10.12), compared in constant time, and iss, when the
// server advertises it, the issuer (RFC 9207 §2.4). Then an error response
// is returned as its *Error, and a success must carry a code.
func (c *Callback) Check(wantState, wantIssuer string) error {
	if wantState != "" {
		if c.State == "" {
			return ErrNoState
		}
		if subtle.ConstantTimeCompare([]byte(c.State), []byte(wantState)) != 1 {
			return ErrStateMismatch
		}
	}
	if wantIssuer != "" && c.Iss != wantIssuer {
		return fmt.Errorf("%w: got %q, want %q", ErrIssuerMismatch, c.Iss, wantIssuer)
	}
	if c.Err != nil {
		return c.Err
	}
	if c.Code == "" {
		return ErrNoCode
	}
	return nil
}
