// Package basic encodes and decodes HTTP Basic credentials (RFC 7617) and
// parses Authorization header values of any scheme (RFC 7235 §2.1).
package basic

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Sentinel errors.
var (
	ErrNoScheme    = errors.New("credentials have no scheme")
	ErrScheme      = errors.New("scheme is not Basic")
	ErrSyntax      = errors.New("malformed credentials")
	ErrBase64      = errors.New("credentials are not valid base64")
	ErrNoColon     = errors.New("decoded credentials have no colon between user-id and password")
	ErrColonInUser = errors.New("a user-id cannot contain a colon")
	ErrUTF8        = errors.New("credentials are not valid UTF-8")
	ErrControlChar = errors.New("credentials contain a control character")
	ErrTooLong     = errors.New("credentials are too long")
)

// MaxCredentialSize bounds the header values and tokens this package reads.
const MaxCredentialSize = 4096

// Credentials is a decoded user-id and password.
type Credentials struct {
	User, Password string
	// Warnings lists problems that RFC 7617 §2 allows servers to refuse but
	// that decoding tolerated, such as control characters.
	Warnings []error
}

// Encode builds the token68 of "Basic <token68>" for user and password,
// UTF-8 encoded as RFC 7617 §2.1's charset="UTF-8" asks. A colon in user is
// refused (RFC 7617 §2).
func Encode(user, password string) (string, error) {
	if strings.Contains(user, ":") {
		return "", ErrColonInUser
	}
	if !utf8.ValidString(user) || !utf8.ValidString(password) {
		return "", ErrUTF8
	}
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password)), nil
}

// Header returns the whole Authorization header value for user and password.
func Header(user, password string) (string, error) {
	t, err := Encode(user, password)
	if err != nil {
		return "", err
	}
	return "Basic " + t, nil
}

// Decode decodes a Basic token68 (RFC 7617 §2): strict base64, UTF-8, and a
// user-id ending at the first colon. Control characters are reported in
// Warnings rather than refused.
func Decode(token68 string) (*Credentials, error) {
	if len(token68) > MaxCredentialSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLong, len(token68))
	}
	// Go's decoder skips CR and LF even when strict. A token68 has neither
	// (RFC 7235 §2.1), and skipping them would let many tokens stand for
	// the same credentials.
	if strings.ContainsAny(token68, "\r\n") {
		return nil, fmt.Errorf("%w: a line break inside the token", ErrBase64)
	}
	raw, err := base64.StdEncoding.Strict().DecodeString(token68)
	if err != nil {
		if strings.ContainsAny(token68, "-_") {
			return nil, fmt.Errorf("%w: it looks like base64url; Basic uses standard base64 (RFC 4648 §4)", ErrBase64)
		}
		return nil, fmt.Errorf("%w: %v", ErrBase64, err)
	}
	if !utf8.Valid(raw) {
		return nil, ErrUTF8
	}
	user, pass, found := strings.Cut(string(raw), ":")
	if !found {
		return nil, ErrNoColon
	}
	c := &Credentials{User: user, Password: pass}
	for _, r := range string(raw) {
		if r < 0x20 || r == 0x7f {
			c.Warnings = append(c.Warnings, fmt.Errorf("%w: %U", ErrControlChar, r))
			break
		}
	}
	return c, nil
}

// Authorization is a parsed Authorization header value (RFC 7235 §2.1).
type Authorization struct {
	Scheme string // as sent; compare case-insensitively
	// Token68 is the single token after the scheme, if the credentials are
	// a token68 rather than auth-params.
	Token68 string
	// Params holds auth-params, for schemes that use them.
	Params map[string]string
}

// ParseAuthorization splits an Authorization header value into its scheme
// and credentials (RFC 7235 §2.1): a token68 or a list of auth-params.
func ParseAuthorization(value string) (*Authorization, error) {
	if len(value) > MaxCredentialSize {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLong, len(value))
	}
	value = strings.TrimSpace(value)
	scheme, rest, _ := strings.Cut(value, " ")
	if scheme == "" || !isToken(scheme) {
		return nil, ErrNoScheme
	}
	a := &Authorization{Scheme: scheme}
	rest = strings.TrimLeft(rest, " ")
	if rest == "" {
		return a, nil
	}
	if isToken68(rest) {
		a.Token68 = rest
		return a, nil
	}
	params, err := parseParams(rest)
	if err != nil {
		return nil, err
	}
	a.Params = params
	return a, nil
}

// IsBasic reports whether the scheme is Basic, in any case (RFC 7235 §2.1).
func (a *Authorization) IsBasic() bool { return strings.EqualFold(a.Scheme, "Basic") }

// Basic decodes the credentials of a Basic Authorization.
func (a *Authorization) Basic() (*Credentials, error) {
	if !a.IsBasic() {
		return nil, fmt.Errorf("%w: %q", ErrScheme, a.Scheme)
	}
	if a.Token68 == "" {
		return nil, fmt.Errorf("%w: Basic needs one base64 token after the scheme", ErrSyntax)
	}
	return Decode(a.Token68)
}

// Challenge is the WWW-Authenticate value for Basic with the realm and the
// charset parameter of RFC 7617 §2.1.
func Challenge(realm string) string {
	return `Basic realm="` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(realm) + `", charset="UTF-8"`
}
