package oauth

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrBadResponse means a token endpoint answer is neither a token response
// (RFC 6749 §5.1) nor an error response (§5.2).
var ErrBadResponse = errors.New("not an OAuth 2.0 token or error response")

// ParseTokenResponse reads a token endpoint's answer. A 200 must be a JSON
// token response with access_token and token_type (§5.1); anything else
// is returned as the *Error of its body (§5.2). A 200 whose body holds an
// error code is an error too: GitHub answers errors that way.
func ParseTokenResponse(status int, body []byte) (*TokenResponse, error) {
	if status != 200 {
		return nil, ParseError(status, body)
	}
	var t struct {
		TokenResponse
		Error string `json:"error"`
	}
	if err := json.Unmarshal(body, &t); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadResponse, err)
	}
	if t.Error != "" {
		return nil, ParseError(status, body)
	}
	switch {
	case t.AccessToken == "":
		return nil, fmt.Errorf("%w: access_token is missing", ErrBadResponse)
	case t.TokenType == "":
		return nil, fmt.Errorf("%w: token_type is missing", ErrBadResponse)
	}
	return &t.TokenResponse, nil
}

// ParseError reads an RFC 6749 §5.2 error body. A body without an error
// code yields ErrBadResponse with the status.
func ParseError(status int, body []byte) error {
	var e Error
	if err := json.Unmarshal(body, &e); err != nil || e.Code == "" {
		return fmt.Errorf("%w: status %d", ErrBadResponse, status)
	}
	return &e
}

// Bearer reports whether the token type is Bearer, which RFC 6749 §5.1
// makes case-insensitive.
func (t *TokenResponse) Bearer() bool { return strings.EqualFold(t.TokenType, "Bearer") }

// Expiry is when a token received at got expires: the zero time when the
// response gave no expires_in (RFC 6749 §5.1).
func (t *TokenResponse) Expiry(got time.Time) time.Time {
	if t.ExpiresIn <= 0 {
		return time.Time{}
	}
	return got.Add(time.Duration(t.ExpiresIn) * time.Second)
}

// RenewMargin is how long before expiry a client should get a new token: a
// tenth of the lifetime, at least 10 s (golang.org/x/oauth2's expiryDelta)
// and at most 60 s. Renewing early covers clock skew and the time the
// request takes.
func RenewMargin(lifetime time.Duration) time.Duration {
	m := lifetime / 10
	switch {
	case m < 10*time.Second:
		m = 10 * time.Second
	case m > time.Minute:
		m = time.Minute
	}
	if m > lifetime {
		m = lifetime
	}
	return m
}

// RenewAt is when a client should renew a token received at got, or the
// zero time when it does not expire.
func (t *TokenResponse) RenewAt(got time.Time) time.Time {
	exp := t.Expiry(got)
	if exp.IsZero() {
		return exp
	}
	return exp.Add(-RenewMargin(exp.Sub(got)))
}
