package oauth

import (
	"net/url"
	"strings"
)

// AuthRequest is an authorization request (RFC 6749 §4.1.1) with PKCE
// (RFC 7636 §4.3).
type AuthRequest struct {
	Endpoint            string
	ClientID            string
	RedirectURI         string
	Scope               []string
	State               string
	CodeChallenge       string
	CodeChallengeMethod string // "S256"
	Nonce               string // OpenID Connect Core §3.1.2.1
	Extra               url.Values
}

// URL builds the authorization URL, keeping any query the endpoint has.
func (r *AuthRequest) URL() (string, error) {
	u, err := url.Parse(r.Endpoint)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("response_type", "code")
	q.Set("client_id", r.ClientID)
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("redirect_uri", r.RedirectURI)
	set("scope", strings.Join(r.Scope, " "))
	set("state", r.State)
	set("code_challenge", r.CodeChallenge)
	if r.CodeChallenge != "" {
		method := r.CodeChallengeMethod
		if method == "" {
			method = "S256"
		}
		q.Set("code_challenge_method", method)
	}
	set("nonce", r.Nonce)
	for k, vs := range r.Extra {
		for _, v := range vs {
			q.Add(k, v)
		}
	}
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// TokenResponse is a successful token response (RFC 6749 §5.1), with the
// OpenID Connect id_token.
type TokenResponse struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	Scope        string `json:"scope,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
}

// ClientSecretBasic encodes client credentials for HTTP Basic the way
// RFC 6749 §2.3.1 requires: each part form-urlencoded first.
func ClientSecretBasic(clientID, secret string) (user, password string) {
	return url.QueryEscape(clientID), url.QueryEscape(secret)
}

// ParseScope splits a scope parameter (RFC 6749 §3.3).
func ParseScope(s string) []string { return strings.Fields(s) }
