package authserver

import (
	"errors"
	"fmt"
	"net/http"
)

// Sentinel errors. Handlers wrap them with %w and writeError maps them to an
// HTTP status and an error code through one table.
var (
	ErrInvalidRequest     = errors.New("invalid request")
	ErrUnsupportedMedia   = errors.New("unsupported media type")
	ErrTooLarge           = errors.New("request body too large")
	ErrConflict           = errors.New("already exists")
	ErrNotFound           = errors.New("not found")
	ErrMethodNotAllowed   = errors.New("method not allowed")
	ErrInvalidCredentials = errors.New("invalid username or password")
	ErrNoToken            = errors.New("no credentials")
	ErrInvalidToken       = errors.New("invalid token")
	ErrInsufficientScope  = errors.New("insufficient scope")
	ErrUnavailable        = errors.New("service unavailable")
	ErrInvalidGrant       = errors.New("invalid grant")
	ErrRefreshReused      = errors.New("refresh token was already used; its whole family is revoked")
	ErrTooManyRequests    = errors.New("too many requests")
	ErrInvalidAPIKey      = errors.New("invalid API key")
	ErrForbidden          = errors.New("forbidden")
	ErrRevoked            = errors.New("token is revoked")
	ErrCodeReused         = errors.New("authorization code was already used; the tokens issued from it are revoked")
)

// errorCode is one row of the error table.
type errorCode struct {
	status int
	code   string
}

// errorTable maps each sentinel to its HTTP status and error code. The codes
// follow RFC 6749 §5.2 and RFC 6750 §3.1 where those define one.
var errorTable = []struct {
	err error
	errorCode
}{
	{ErrInvalidRequest, errorCode{http.StatusBadRequest, "invalid_request"}},
	{ErrUnsupportedMedia, errorCode{http.StatusUnsupportedMediaType, "unsupported_media_type"}},
	{ErrTooLarge, errorCode{http.StatusRequestEntityTooLarge, "request_too_large"}},
	{ErrConflict, errorCode{http.StatusConflict, "conflict"}},
	{ErrNotFound, errorCode{http.StatusNotFound, "not_found"}},
	{ErrMethodNotAllowed, errorCode{http.StatusMethodNotAllowed, "method_not_allowed"}},
	{ErrInvalidCredentials, errorCode{http.StatusUnauthorized, "invalid_credentials"}},
	{ErrNoToken, errorCode{http.StatusUnauthorized, "unauthorized"}},
	{ErrInvalidToken, errorCode{http.StatusUnauthorized, "invalid_token"}},
	{ErrInsufficientScope, errorCode{http.StatusForbidden, "insufficient_scope"}},
	{ErrUnavailable, errorCode{http.StatusServiceUnavailable, "temporarily_unavailable"}},
	{ErrRefreshReused, errorCode{http.StatusBadRequest, "invalid_grant"}},
	{ErrCodeReused, errorCode{http.StatusBadRequest, "invalid_grant"}},
	{ErrInvalidGrant, errorCode{http.StatusBadRequest, "invalid_grant"}},
	{ErrTooManyRequests, errorCode{http.StatusTooManyRequests, "too_many_requests"}},
	{ErrInvalidAPIKey, errorCode{http.StatusUnauthorized, "invalid_api_key"}},
	{ErrForbidden, errorCode{http.StatusForbidden, "forbidden"}},
}

func lookupError(err error) errorCode {
	for _, row := range errorTable {
		if errors.Is(err, row.err) {
			return row.errorCode
		}
	}
	return errorCode{http.StatusInternalServerError, "server_error"}
}

func wrapInvalidToken(err error) error { return fmt.Errorf("%w: %v", ErrInvalidToken, err) }

func wrapScope(msg string) error { return fmt.Errorf("%w: %s", ErrInsufficientScope, msg) }
