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

// LoginAttempt is one login under the throttle: the two fixed-window
// counters it is counted in, which CredentialStore.ReserveLogin counts
// before the password is checked. A failed login leaves its attempt
// counted.
type LoginAttempt struct {
	// Account counts the attempts at one account from one client. A
	// successful login resets it.
	Account ThrottleCounter
	// Client counts one client's attempts. A successful login takes its
	// own attempt back, so that the failures stay counted.
	Client ThrottleCounter
	// Window is the start of the window the attempt is counted in.
	Window time.Time
}

// ThrottleCounter is a counter of a LoginAttempt: its key, the count it
// may reach in a window, and its count as the store last read it.
type ThrottleCounter struct {
	Key   string
	Limit int
	Count int
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

	// ReserveLogin counts an attempt in both of a's counters, in the
	// window that starts at a.Window, unless either has reached its limit
	// there already, in one statement: concurrent attempts can never
	// pass a limit. It sets both counts as they are after it, reports
	// whether the attempt was counted, and returns the user named name,
	// or nil when there is none: what a login does before it checks the
	// password, in one round trip where the database allows.
	ReserveLogin(ctx context.Context, name string, a *LoginAttempt) (bool, *User, error)
	// ReleaseLogin is what a successful login writes to the throttle:
	// a's Account counter is reset, and its attempt is taken back from
	// a's Client counter if that is still in a's window.
	ReleaseLogin(ctx context.Context, a *LoginAttempt) error
	// LoginDone is ReleaseLogin, and it stores t and, when rehash is not
	// nil, applies it: what a successful login writes, in one round trip
	// where the database allows.
	LoginDone(ctx context.Context, a *LoginAttempt, t *RefreshToken, rehash *Rehash) error

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
