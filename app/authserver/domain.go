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
}
