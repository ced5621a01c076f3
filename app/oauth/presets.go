package oauth

import (
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// Provider describes a real authorization server: its endpoints and the
// habits its documentation asks clients to follow, so that the requests
// built for it are the ones it expects.
type Provider struct {
	Name     string
	AuthURL  string // authorization endpoint (RFC 6749 §3.1)
	TokenURL string // token endpoint (RFC 6749 §3.2)
	// Scopes is a sensible default for signing a user in.
	Scopes []string
	// AuthParams are provider-specific authorization parameters.
	AuthParams []httpmsg.Field
	// SecretMethod is how a client that has a secret authenticates.
	SecretMethod AuthMethod
	// PublicPKCE reports whether a client without a secret may redeem a
	// code with its PKCE verifier alone (a public client, RFC 6749 §2.1).
	PublicPKCE bool
	// RefreshTokens reports whether the code exchange returns a refresh
	// token.
	RefreshTokens bool
	// Docs is the provider's guide to this flow.
	Docs  string
	Notes []string
}

// The presets' endpoints are those the providers document.
var (
	GitHub = &Provider{
		Name:         "GitHub",
		AuthURL:      "https://github.com/login/oauth/authorize",
		TokenURL:     "https://github.com/login/oauth/access_token",
		Scopes:       []string{"read:user", "user:email"},
		SecretMethod: AuthPost,
		Docs:         "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps",
		Notes: []string{
			"The token endpoint answers application/x-www-form-urlencoded unless the request sends Accept: application/json.",
			"Errors come back with status 200 and an error field in the body, so check the body, not only the status.",
			"PKCE is supported, S256 only, since July 2025, but the client secret is still required: GitHub has no public clients.",
			"An OAuth app's token does not expire and comes without a refresh token; GitHub Apps with expiring user tokens get one.",
		},
	}
	Google = &Provider{
		Name:          "Google",
		AuthURL:       "https://accounts.google.com/o/oauth2/v2/auth",
		TokenURL:      "https://oauth2.googleapis.com/token",
		Scopes:        []string{"openid", "email", "profile"},
		AuthParams:    []httpmsg.Field{{Name: "access_type", Value: "offline"}},
		SecretMethod:  AuthPost,
		RefreshTokens: true,
		Docs:          "https://developers.google.com/identity/protocols/oauth2/web-server",
		Notes: []string{
			"access_type=offline asks for a refresh token; Google sends one only at the first consent unless prompt=consent is added.",
			"The endpoints are those of Google's discovery document, https://accounts.google.com/.well-known/openid-configuration.",
			"Web and desktop clients both send client_secret at the token endpoint, with the code_verifier when PKCE was used.",
			"The openid scope adds an id_token, a JWT that the JWT workbench can decode.",
		},
	}
	Spotify = &Provider{
		Name:          "Spotify",
		AuthURL:       "https://accounts.spotify.com/authorize",
		TokenURL:      "https://accounts.spotify.com/api/token",
		Scopes:        []string{"user-read-private", "user-read-email"},
		SecretMethod:  AuthBasic,
		PublicPKCE:    true,
		RefreshTokens: true,
		Docs:          "https://developer.spotify.com/documentation/web-api/tutorials/code-pkce-flow",
		Notes: []string{
			"Without a secret, PKCE alone authenticates the exchange: the body carries client_id and code_verifier.",
			"With a secret, the authorization code flow sends it in a Basic Authorization header.",
			"Redirect URIs must be https, or http on an explicit loopback address such as http://127.0.0.1:8080/callback; localhost is refused.",
			"A refresh token obtained with PKCE works once: each refresh returns the next one.",
		},
	}
)

// Presets lists the providers in display order.
func Presets() []*Provider { return []*Provider{GitHub, Google, Spotify} }

// PresetByName finds a preset by its name, ignoring case.
func PresetByName(name string) (*Provider, bool) {
	for _, p := range Presets() {
		if strings.EqualFold(p.Name, name) {
			return p, true
		}
	}
	return nil, false
}

// AuthRequest is the provider's authorization request (RFC 6749 §4.1.1)
// with the S256 challenge (RFC 7636 §4.3). Empty scopes use the defaults.
func (p *Provider) AuthRequest(clientID, redirectURI, state, challenge string, scopes []string) *AuthRequest {
	if len(scopes) == 0 {
		scopes = p.Scopes
	}
	r := &AuthRequest{Endpoint: p.AuthURL, ClientID: clientID, RedirectURI: redirectURI,
		Scope: scopes, State: state, CodeChallenge: challenge, CodeChallengeMethod: "S256"}
	for _, f := range p.AuthParams {
		if r.Extra == nil {
			r.Extra = map[string][]string{}
		}
		r.Extra[f.Name] = append(r.Extra[f.Name], f.Value)
	}
	return r
}

// Client is how a client with this id and secret authenticates at the
// provider's token endpoint. An empty secret makes a public client, which
// only providers with PublicPKCE accept.
func (p *Provider) Client(clientID, secret string) (Client, error) {
	if secret == "" {
		if !p.PublicPKCE {
			return Client{}, fmt.Errorf("%s requires the client secret at its token endpoint: %w", p.Name, ErrNoSecret)
		}
		return Client{ID: clientID, Method: AuthNone}, nil
	}
	return Client{ID: clientID, Secret: secret, Method: p.SecretMethod}, nil
}

// ExchangeCode is the provider's code exchange (RFC 6749 §4.1.3 with
// RFC 7636 §4.5).
func (p *Provider) ExchangeCode(clientID, secret, code, redirectURI, verifier string) (*httpmsg.Request, error) {
	c, err := p.Client(clientID, secret)
	if err != nil {
		return nil, err
	}
	return c.ExchangeCode(p.TokenURL, code, redirectURI, verifier)
}

// Refresh is the provider's refresh request (RFC 6749 §6).
func (p *Provider) Refresh(clientID, secret, refreshToken string) (*httpmsg.Request, error) {
	if !p.RefreshTokens {
		return nil, fmt.Errorf("%s issues no refresh tokens to this kind of client", p.Name)
	}
	c, err := p.Client(clientID, secret)
	if err != nil {
		return nil, err
	}
	return c.Refresh(p.TokenURL, refreshToken, "")
}
