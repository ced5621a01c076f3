// Package authserver is the Authlab demo auth server as one http.Handler:
// accounts, Bearer JWTs (RFC 6750, RFC 7519) and the public JWK Set.
// Storage is behind the Store interface; app/store implements it over
// database/sql for both D1 and SQLite.
package authserver

import (
	"context"
	"time"
)

// User is a registered account.
type User struct {
	ID           int64
	Username     string
	PasswordHash string // PHC string, see app/password
	CreatedAt    time.Time
}

// Store persists the server's state.
type Store interface {
	// CreateUser inserts u and sets its ID. It returns ErrConflict when the
	// username is taken, compared case-insensitively.
	CreateUser(ctx context.Context, u *User) error
	// UserByName returns ErrNotFound when there is no such user.
	UserByName(ctx context.Context, username string) (*User, error)
	// UserByID returns ErrNotFound when there is no such user.
	UserByID(ctx context.Context, id int64) (*User, error)
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	CredentialStore
	OAuthStore
}

// RefreshToken is a stored refresh token. Only its hash is kept.
type RefreshToken struct {
	Hash      string
	Family    string
	UserID    int64
	ClientID  string
	Scope     string
	CreatedAt time.Time
	ExpiresAt time.Time
	// AccessJTI is the jti of the access token issued with this one.
	AccessJTI string
	// AuthTime is when the user authenticated for the grant, which every
	// ID token of the grant reports (OpenID Connect Core §12.2); zero when
	// unknown.
	AuthTime time.Time
}

// APIKey is a stored API key. Only the hash of its secret is kept.
type APIKey struct {
	ID         int64
	UserID     int64
	Prefix     string
	SecretHash string
	Name       string
	DailyQuota int
	CreatedAt  time.Time
	LastUsedAt time.Time // zero when never used
	UseCount   int64
	Revoked    bool
}

// Session is a cookie session. Only the hash of its id is kept.
type Session struct {
	IDHash    string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Rehash replaces an account's password hash, made with another iteration
// count than the configured one, by a hash of the same password made with
// the configured count. It applies only while the account still holds Old,
// so a password changed meanwhile is not overwritten.
type Rehash struct {
	UserID int64
	Old    string
	New    string
}

// CredentialStore persists refresh tokens, login throttles, API keys and
// sessions.
type CredentialStore interface {
	CreateRefresh(ctx context.Context, t *RefreshToken) error
	// UseRefresh marks an unused, unrevoked, unexpired token used and
	// returns it, in one atomic step. A token that was already used has its
	// whole family revoked, with the access tokens issued beside it, which
	// stay refused until accessUntil, and yields ErrRefreshReused; an
	// unknown, revoked or expired one yields ErrInvalidGrant.
	UseRefresh(ctx context.Context, hash string, now, accessUntil time.Time) (*RefreshToken, error)

	// Throttle counts an event for key in the fixed window that now falls
	// in, and returns the count and the window's end.
	Throttle(ctx context.Context, key string, now time.Time, window time.Duration) (int, time.Time, error)
	// Throttled returns the highest count among keys in their current
	// windows, and when that window ends.
	Throttled(ctx context.Context, keys []string, now time.Time, window time.Duration) (int, time.Time, error)
	ResetThrottle(ctx context.Context, key string) error
	// LoginLookup returns the counts of keys in their current windows, in
	// order, and the user named name, or nil when there is none: what a
	// login reads before it checks the password, in one round trip where
	// the database allows.
	LoginLookup(ctx context.Context, name string, keys []string, now time.Time, window time.Duration) ([]int, *User, error)
	// LoginDone resets key's count, stores t and, when rehash is not nil,
	// applies it: what a successful login writes, in one round trip where
	// the database allows.
	LoginDone(ctx context.Context, key string, t *RefreshToken, rehash *Rehash) error

	CreateAPIKey(ctx context.Context, k *APIKey) error
	ListAPIKeys(ctx context.Context, userID int64) ([]*APIKey, error)
	// RevokeAPIKey returns ErrNotFound unless userID owns an active key id.
	RevokeAPIKey(ctx context.Context, userID, id int64, now time.Time) error
	// UseAPIKey finds the active key with prefix (ErrNotFound when there
	// is none) and, when hash is its secret hash, counts one request
	// against its quota for day, unless the quota is reached, atomically,
	// in one round trip where the database allows. It returns the key, the
	// count after the request and whether the request was counted: a key
	// whose hash differs is returned uncounted.
	UseAPIKey(ctx context.Context, prefix, hash string, day int64, now time.Time) (*APIKey, int, bool, error)

	CreateSession(ctx context.Context, s *Session) error
	// SessionByHash returns ErrNotFound for unknown or expired sessions.
	SessionByHash(ctx context.Context, hash string, now time.Time) (*Session, error)
	DeleteSession(ctx context.Context, hash string) error
}
