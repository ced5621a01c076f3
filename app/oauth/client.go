package oauth

import (
	"encoding/base64"
	"errors"

	"github.com/authlab/authlab/app/httpmsg"
)

// AuthMethod is how a client authenticates at the token endpoint: a
// token_endpoint_auth_method of RFC 7591 §2.
type AuthMethod string

// The client authentication methods of RFC 6749 §2.3.1 and RFC 7591 §2.
const (
	// AuthNone is a public client (RFC 6749 §2.1): it sends only its
	// client_id in the body (§3.2.1).
	AuthNone AuthMethod = "none"
	// AuthBasic sends client_id and client_secret in an HTTP Basic
	// Authorization header, each form-urlencoded first (§2.3.1).
	AuthBasic AuthMethod = "client_secret_basic"
	// AuthPost sends client_id and client_secret as body parameters
	// (§2.3.1), which the RFC allows but does not recommend.
	AuthPost AuthMethod = "client_secret_post"
)

// ErrNoSecret means a confidential method was asked for without a secret.
var ErrNoSecret = errors.New("client_secret_basic and client_secret_post need a client_secret")

// Client is an OAuth 2.0 client as the token endpoint sees it.
type Client struct {
	ID     string
	Secret string
	Method AuthMethod // AuthNone when empty and Secret is empty, AuthBasic otherwise
}

func (c Client) method() AuthMethod {
	switch {
	case c.Method != "":
		return c.Method
	case c.Secret == "":
		return AuthNone
	}
	return AuthBasic
}

// BasicTrace is every step of encoding client credentials for HTTP Basic
// as RFC 6749 §2.3.1 requires.
type BasicTrace struct {
	ClientID, Secret         string // as registered
	EncodedID, EncodedSecret string // step 1: application/x-www-form-urlencoded
	Joined                   string // step 2: EncodedID ":" EncodedSecret
	Base64                   string // step 3: base64 of the UTF-8 bytes (RFC 7617 §2)
	Header                   string // step 4: "Basic " + Base64
	Changed                  bool   // whether step 1 changed anything
}

// TraceBasic encodes client credentials for client_secret_basic.
func TraceBasic(clientID, secret string) BasicTrace {
	id, pw := ClientSecretBasic(clientID, secret)
	joined := id + ":" + pw
	b64 := base64.StdEncoding.EncodeToString([]byte(joined))
	return BasicTrace{
		ClientID: clientID, Secret: secret, EncodedID: id, EncodedSecret: pw,
		Joined: joined, Base64: b64, Header: "Basic " + b64,
		Changed: id != clientID || pw != secret,
	}
}

// TokenRequest builds a POST to a token endpoint (RFC 6749 §3.2) with the
// parameters in order and the client's authentication added: a Basic
// header, client_id and client_secret in the body, or client_id alone.
func (c Client) TokenRequest(endpoint string, params ...httpmsg.Field) (*httpmsg.Request, error) {
	r := &httpmsg.Request{Method: "POST", URL: endpoint, Header: []httpmsg.Field{
		{Name: "Content-Type", Value: "application/x-www-form-urlencoded"},
		{Name: "Accept", Value: "application/json"},
	}}
	switch m := c.method(); m {
	case AuthBasic:
		if c.Secret == "" {
			return nil, ErrNoSecret
		}
		r.Header = append(r.Header, httpmsg.Field{Name: "Authorization", Value: TraceBasic(c.ID, c.Secret).Header})
	case AuthPost:
		if c.Secret == "" {
			return nil, ErrNoSecret
		}
		params = append(params, httpmsg.Field{Name: "client_id", Value: c.ID}, httpmsg.Field{Name: "client_secret", Value: c.Secret})
	case AuthNone:
		params = append(params, httpmsg.Field{Name: "client_id", Value: c.ID})
	default:
		return nil, errors.New("unknown token endpoint auth method " + string(m))
	}
	r.Body = EncodeForm(params...)
	return r, nil
}

// ExchangeCode redeems an authorization code (RFC 6749 §4.1.3) with its
// PKCE code_verifier (RFC 7636 §4.5).
func (c Client) ExchangeCode(endpoint, code, redirectURI, verifier string) (*httpmsg.Request, error) {
	return c.TokenRequest(endpoint,
		httpmsg.Field{Name: "grant_type", Value: "authorization_code"},
		httpmsg.Field{Name: "code", Value: code},
		httpmsg.Field{Name: "redirect_uri", Value: redirectURI},
		httpmsg.Field{Name: "code_verifier", Value: verifier})
}

// Refresh asks for new tokens with a refresh token (RFC 6749 §6). An
// empty scope keeps the original one.
func (c Client) Refresh(endpoint, refreshToken, scope string) (*httpmsg.Request, error) {
	return c.TokenRequest(endpoint,
		httpmsg.Field{Name: "grant_type", Value: "refresh_token"},
		httpmsg.Field{Name: "refresh_token", Value: refreshToken},
		httpmsg.Field{Name: "scope", Value: scope})
}

// ClientCredentials asks for a token for the client itself (RFC 6749
// §4.4.2).
func (c Client) ClientCredentials(endpoint, scope string) (*httpmsg.Request, error) {
	return c.TokenRequest(endpoint,
		httpmsg.Field{Name: "grant_type", Value: "client_credentials"},
		httpmsg.Field{Name: "scope", Value: scope})
}

// Introspect asks whether a token is active (RFC 7662 §2.1).
// tokenTypeHint may be "access_token", "refresh_token" or empty.
func (c Client) Introspect(endpoint, token, tokenTypeHint string) (*httpmsg.Request, error) {
	return c.TokenRequest(endpoint, httpmsg.Field{Name: "token", Value: token}, httpmsg.Field{Name: "token_type_hint", Value: tokenTypeHint})
}

// Revoke revokes a token (RFC 7009 §2.1).
func (c Client) Revoke(endpoint, token, tokenTypeHint string) (*httpmsg.Request, error) {
	return c.TokenRequest(endpoint, httpmsg.Field{Name: "token", Value: token}, httpmsg.Field{Name: "token_type_hint", Value: tokenTypeHint})
}

// BearerRequest calls a protected resource with an access token in the
// Authorization header (RFC 6750 §2.1).
func BearerRequest(method, resource, accessToken string) *httpmsg.Request {
	return &httpmsg.Request{Method: method, URL: resource, Header: []httpmsg.Field{
		{Name: "Authorization", Value: "Bearer " + accessToken},
		{Name: "Accept", Value: "application/json"},
	}}
}
