package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// Store implements authserver.Store over a database/sql handle to D1 or
// SQLite.
type Store struct {
	db *sql.DB
}

var _ authserver.Store = (*Store)(nil)

// New wraps db. The schema must be migrated already.
func New(db *sql.DB) *Store { return &Store{db: db} }

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, `SELECT 1`).Scan(&one)
}

// CreateUser inserts u. A taken username, in any case, is ErrConflict; the
// check and the insert are one statement, so concurrent registrations of one
// name cannot both succeed.
func (s *Store) CreateUser(ctx context.Context, u *authserver.User) error {
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO users(username, password_hash, created_at) VALUES (?, ?, ?)
		 ON CONFLICT(username) DO NOTHING RETURNING id`,
		u.Username, u.PasswordHash, u.CreatedAt.Unix()).Scan(&u.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: username %q is taken", authserver.ErrConflict, u.Username)
	}
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	return nil
}

// selectUserByName reads the columns of authserver.User by username.
const selectUserByName = `SELECT id, username, password_hash, created_at FROM users WHERE username = ?`

// UserByName finds a user by name, case-insensitively.
func (s *Store) UserByName(ctx context.Context, username string) (*authserver.User, error) {
	return s.user(ctx, selectUserByName, username)
}

// UserByID finds a user by id.
func (s *Store) UserByID(ctx context.Context, id int64) (*authserver.User, error) {
	return s.user(ctx, `SELECT id, username, password_hash, created_at FROM users WHERE id = ?`, id)
}

func (s *Store) user(ctx context.Context, query string, arg any) (*authserver.User, error) {
	u, err := scanUser(s.db.QueryRowContext(ctx, query, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: user", authserver.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// scanUser reads the columns of selectUserByName.
func scanUser(sc scanner) (*authserver.User, error) {
	u := &authserver.User{}
	var created int64
	if err := sc.Scan(&u.ID, &u.Username, &u.PasswordHash, &created); err != nil {
		return nil, err
	}
	u.CreatedAt = time.Unix(created, 0).UTC()
	return u, nil
}
