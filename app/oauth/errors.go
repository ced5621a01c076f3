package oauth

import "fmt"

// Error codes of RFC 6749 §4.1.2.1 and §5.2, RFC 7009 §2.2.1 and
// RFC 7591 §3.2.2.
const (
	InvalidRequest          = "invalid_request"
	InvalidClient           = "invalid_client"
	InvalidGrant            = "invalid_grant"
	UnauthorizedClient      = "unauthorized_client"
	UnsupportedGrantType    = "unsupported_grant_type"
	InvalidScope            = "invalid_scope"
	AccessDenied            = "access_denied"
	UnsupportedResponseType = "unsupported_response_type"
	ServerError             = "server_error"
	UnsupportedTokenType    = "unsupported_token_type"
	InvalidRedirectURI      = "invalid_redirect_uri"
	InvalidClientMetadata   = "invalid_client_metadata"
)

// Error is an OAuth 2.0 error response (RFC 6749 §5.2).
type Error struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
	URI         string `json:"error_uri,omitempty"`
}

func (e *Error) Error() string {
	if e.Description == "" {
		return e.Code
	}
	return e.Code + ": " + e.Description
}

// Errorf makes an Error with a formatted description.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Description: fmt.Sprintf(format, args...)}
}
