package authserver

import (
	"context"
	"time"
)

// Client is an OAuth 2.0 client (RFC 6749 §2).
type Client struct {
	ID           string
	SecretHash   string // hex SHA-256 of the secret; "" for public clients
	Name         string
	RedirectURIs []string
	GrantTypes   []string
	// AuthMethod is the token_endpoint_auth_method (RFC 7591 §2): "none",
	// "client_secret_basic" or "client_secret_post".
	AuthMethod string
	CreatedAt  time.Time
	ExpiresAt  time.Time // zero for built-in clients
	// RegisteredBy names the registering client, for the per-client limit.
	RegisteredBy string
	// Builtin marks the built-in clients, whose redirect URIs the operator
	// configured. Only they get errors redirected to them before the user
	// has decided (RFC 9700 §4.11.2).
	Builtin bool
}

// Public reports whether the client has no secret (RFC 6749 §2.1).
func (c *Client) Public() bool { return c.SecretHash == "" }

// AuthCode is an issued authorization code (RFC 6749 §4.1.2), bound to the
// client, the redirect URI and the PKCE challenge.
type AuthCode struct {
	Hash        string
	ClientID    string
	RedirectURI string
	Challenge   string
	UserID      int64
	Scope       string
	Nonce       string
	Family      string // the refresh-token family the code's tokens join
	// AuthTime is when the user authenticated (OpenID Connect Core §2).
	AuthTime  time.Time
	CreatedAt time.Time
	ExpiresAt time.Time
}

// OAuthStore persists dynamic clients, codes and revoked access tokens.
type OAuthStore interface {
	// CreateClient stores a client unless registeredBy already has
	// perRegistrant live clients or there are total live clients, in one
	// statement; either limit yields ErrTooManyRequests.
	CreateClient(ctx context.Context, c *Client, perRegistrant, total int, now time.Time) error
	// ClientByID returns ErrNotFound for unknown or expired clients.
	ClientByID(ctx context.Context, id string, now time.Time) (*Client, error)

	CreateCode(ctx context.Context, c *AuthCode) error
	// UseCode spends a code atomically. A code already spent yields
	// ErrCodeReused after the tokens issued from it are revoked; an unknown
	// or expired one yields ErrInvalidGrant.
	UseCode(ctx context.Context, hash string, now time.Time, accessTTL time.Duration) (*AuthCode, error)

	RevokeAccess(ctx context.Context, jti string, expires time.Time) error
	AccessRevoked(ctx context.Context, jti string) (bool, error)
	// RefreshByHash finds a refresh token; active is false when it is used,
	// revoked or expired.
	RefreshByHash(ctx context.Context, hash string, now time.Time) (t *RefreshToken, active bool, err error)
	// RevokeFamilyOf revokes the family of the refresh token with hash, and
	// the access tokens issued with it until accessUntil, if clientID owns it.
	RevokeFamilyOf(ctx context.Context, hash, clientID string, now, accessUntil time.Time) error
}
