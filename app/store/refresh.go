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
const insertRefresh = `INSERT INTO refresh_tokens(token_hash, family, user_id, client_id, scope, created_at, expires_at, access_jti, auth_time)
	 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

func refreshArgs(t *authserver.RefreshToken) []any {
	return []any{t.Hash, t.Family, t.UserID, t.ClientID, t.Scope, t.CreatedAt.Unix(), t.ExpiresAt.Unix(), t.AccessJTI, unixOrZero(t.AuthTime)}
}

// unixOrZero stores a time that may be unknown: 0 for the zero time.
func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

// timeOrZero reads what unixOrZero stored.
func timeOrZero(unix int64) time.Time {
	if unix == 0 {
		return time.Time{}
	}
	return time.Unix(unix, 0).UTC()
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
// concurrent uses cannot both succeed; the loser is treated as a reuse,
// which revokes the grant (RFC 9700 §4.14.2).
func (s *Store) UseRefresh(ctx context.Context, hash string, now, accessUntil time.Time) (*authserver.RefreshToken, error) {
	t := &authserver.RefreshToken{Hash: hash}
	var created, expires, authTime int64
	err := s.db.QueryRowContext(ctx,
		`UPDATE refresh_tokens SET used_at = ?
		 WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
		 RETURNING family, user_id, client_id, scope, created_at, expires_at, auth_time`,
		now.Unix(), hash, now.Unix()).Scan(&t.Family, &t.UserID, &t.ClientID, &t.Scope, &created, &expires, &authTime)
	if err == nil {
		t.CreatedAt, t.ExpiresAt, t.AuthTime = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC(), timeOrZero(authTime)
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
		if err := s.revokeGrant(ctx, family, now, accessUntil); err != nil {
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
