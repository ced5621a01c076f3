package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// insertRefresh stores a refresh token; refreshArgs gives its arguments.
const insertRefresh = `INSERT INTO refresh_tokens(token_hash, family, user_id, client_id, scope, created_at, expires_at, access_jti)
	 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func refreshArgs(t *authserver.RefreshToken) []any {
	return []any{t.Hash, t.Family, t.UserID, t.ClientID, t.Scope, t.CreatedAt.Unix(), t.ExpiresAt.Unix(), t.AccessJTI}
}

// CreateRefresh stores a refresh token's hash.
func (s *Store) CreateRefresh(ctx context.Context, t *authserver.RefreshToken) error {
	_, err := s.db.ExecContext(ctx, insertRefresh, refreshArgs(t)...)
	if err != nil {
		return fmt.Errorf("store refresh token: %w", err)
	}
	return nil
}

// UseRefresh marks a refresh token used with one conditional UPDATE, so two
// concurrent uses cannot both succeed; the loser is treated as a reuse.
func (s *Store) UseRefresh(ctx context.Context, hash string, now time.Time) (*authserver.RefreshToken, error) {
	t := &authserver.RefreshToken{Hash: hash}
	var created, expires int64
	err := s.db.QueryRowContext(ctx,
		`UPDATE refresh_tokens SET used_at = ?
		 WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
		 RETURNING family, user_id, client_id, scope, created_at, expires_at`,
		now.Unix(), hash, now.Unix()).Scan(&t.Family, &t.UserID, &t.ClientID, &t.Scope, &created, &expires)
	if err == nil {
		t.CreatedAt, t.ExpiresAt = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC()
		return t, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("use refresh token: %w", err)
	}
	var family string
	var used, revoked sql.NullInt64
	err = s.db.QueryRowContext(ctx,
		`SELECT family, used_at, revoked_at, expires_at FROM refresh_tokens WHERE token_hash = ?`, hash).
		Scan(&family, &used, &revoked, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("%w: unknown refresh token", authserver.ErrInvalidGrant)
	case err != nil:
		return nil, fmt.Errorf("use refresh token: %w", err)
	case revoked.Valid:
		return nil, fmt.Errorf("%w: the refresh token is revoked", authserver.ErrInvalidGrant)
	case used.Valid:
		if err := s.RevokeFamily(ctx, family, now); err != nil {
			return nil, err
		}
		return nil, authserver.ErrRefreshReused
	}
	return nil, fmt.Errorf("%w: the refresh token expired at %s", authserver.ErrInvalidGrant, time.Unix(expires, 0).UTC().Format(time.RFC3339))
}

// RevokeFamily revokes every token of a family.
func (s *Store) RevokeFamily(ctx context.Context, family string, now time.Time) error {
	_, err := s.db.ExecContext(ctx,
		`UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL`, now.Unix(), family)
	if err != nil {
		return fmt.Errorf("revoke refresh family: %w", err)
	}
	return nil
}
