package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// CreateSession stores a session under the hash of its id.
func (s *Store) CreateSession(ctx context.Context, se *authserver.Session) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO sessions(id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		se.IDHash, se.UserID, se.CreatedAt.Unix(), se.ExpiresAt.Unix())
	if err != nil {
		return fmt.Errorf("store session: %w", err)
	}
	return nil
}

// SessionByHash finds a live session.
func (s *Store) SessionByHash(ctx context.Context, hash string, now time.Time) (*authserver.Session, error) {
	se := &authserver.Session{IDHash: hash}
	var created, expires int64
	err := s.db.QueryRowContext(ctx,
		`SELECT user_id, created_at, expires_at FROM sessions WHERE id_hash = ? AND expires_at > ?`,
		hash, now.Unix()).Scan(&se.UserID, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: session", authserver.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	se.CreatedAt, se.ExpiresAt = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC()
	return se, nil
}

// DeleteSession removes a session; removing an unknown one is not an error.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = ?`, hash); err != nil {
		return fmt.Errorf("delete session: %w", err)
	}
	return nil
}
