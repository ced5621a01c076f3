package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// CreateClient inserts a dynamic client only while both limits hold; the
// count and the insert are one statement.
func (s *Store) CreateClient(ctx context.Context, c *authserver.Client, perRegistrant, total int, now time.Time) error {
	uris, _ := json.Marshal(c.RedirectURIs)
	grants, _ := json.Marshal(c.GrantTypes)
	var id string
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO oauth_clients(client_id, secret_hash, name, redirect_uris, grant_types, auth_method, registered_by, created_at, expires_at)
		 SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?
		 WHERE (SELECT count(*) FROM oauth_clients WHERE registered_by = ? AND expires_at > ?) < ?
		   AND (SELECT count(*) FROM oauth_clients WHERE expires_at > ?) < ?
		 RETURNING client_id`,
		c.ID, c.SecretHash, c.Name, string(uris), string(grants), c.AuthMethod, c.RegisteredBy, c.CreatedAt.Unix(), c.ExpiresAt.Unix(),
		c.RegisteredBy, now.Unix(), perRegistrant, now.Unix(), total).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: at most %d live clients per registrant and %d in all; registered clients expire", authserver.ErrTooManyRequests, perRegistrant, total)
	}
	if err != nil {
		return fmt.Errorf("store client: %w", err)
	}
	return nil
}

// ClientByID finds a live dynamic client.
func (s *Store) ClientByID(ctx context.Context, id string, now time.Time) (*authserver.Client, error) {
	c := &authserver.Client{ID: id}
	var uris, grants string
	var created, expires int64
	err := s.db.QueryRowContext(ctx,
		`SELECT secret_hash, name, redirect_uris, grant_types, auth_method, registered_by, created_at, expires_at
		 FROM oauth_clients WHERE client_id = ? AND expires_at > ?`, id, now.Unix()).
		Scan(&c.SecretHash, &c.Name, &uris, &grants, &c.AuthMethod, &c.RegisteredBy, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%w: client", authserver.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("find client: %w", err)
	}
	if json.Unmarshal([]byte(uris), &c.RedirectURIs) != nil || json.Unmarshal([]byte(grants), &c.GrantTypes) != nil {
		return nil, fmt.Errorf("client %s: corrupt metadata", id)
	}
	c.CreatedAt, c.ExpiresAt = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC()
	return c, nil
}

// CreateCode stores an authorization code's hash and bindings.
func (s *Store) CreateCode(ctx context.Context, c *authserver.AuthCode) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO oauth_codes(code_hash, client_id, redirect_uri, code_challenge, user_id, scope, nonce, family, created_at, expires_at, auth_time)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Hash, c.ClientID, c.RedirectURI, c.Challenge, c.UserID, c.Scope, c.Nonce, c.Family, c.CreatedAt.Unix(), c.ExpiresAt.Unix(), unixOrZero(c.AuthTime))
	if err != nil {
		return fmt.Errorf("store code: %w", err)
	}
	return nil
}

// UseCode spends a code with one conditional UPDATE.
func (s *Store) UseCode(ctx context.Context, hash string, now time.Time, accessTTL time.Duration) (*authserver.AuthCode, error) {
	c := &authserver.AuthCode{Hash: hash}
	var created, expires, authTime int64
	err := s.db.QueryRowContext(ctx,
		`UPDATE oauth_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?
		 RETURNING client_id, redirect_uri, code_challenge, user_id, scope, nonce, family, created_at, expires_at, auth_time`,
		now.Unix(), hash, now.Unix()).
		Scan(&c.ClientID, &c.RedirectURI, &c.Challenge, &c.UserID, &c.Scope, &c.Nonce, &c.Family, &created, &expires, &authTime)
	if err == nil {
		c.CreatedAt, c.ExpiresAt, c.AuthTime = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC(), timeOrZero(authTime)
		return c, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("use code: %w", err)
	}
	var family string
	var used sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT family, used_at, expires_at FROM oauth_codes WHERE code_hash = ?`, hash).
		Scan(&family, &used, &expires)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("%w: unknown authorization code", authserver.ErrInvalidGrant)
	case err != nil:
		return nil, fmt.Errorf("use code: %w", err)
	case used.Valid:
		if err := s.revokeGrant(ctx, family, now, now.Add(accessTTL)); err != nil {
			return nil, err
		}
		return nil, authserver.ErrCodeReused
	}
	return nil, fmt.Errorf("%w: the authorization code expired at %s", authserver.ErrInvalidGrant, time.Unix(expires, 0).UTC().Format(time.RFC3339))
}

// RevokeAccess records a revoked access token until it would expire.
func (s *Store) RevokeAccess(ctx context.Context, jti string, expires time.Time) error {
	if _, err := s.db.ExecContext(ctx,
		`INSERT OR IGNORE INTO revoked_access(jti, expires_at) VALUES (?, ?)`, jti, expires.Unix()); err != nil {
		return fmt.Errorf("revoke access token: %w", err)
	}
	return nil
}

// AccessRevoked reports whether an access token's jti was revoked.
func (s *Store) AccessRevoked(ctx context.Context, jti string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM revoked_access WHERE jti = ?`, jti).Scan(&n); err != nil {
		return false, fmt.Errorf("check revoked access token: %w", err)
	}
	return n > 0, nil
}

// RefreshByHash finds a refresh token for introspection.
func (s *Store) RefreshByHash(ctx context.Context, hash string, now time.Time) (*authserver.RefreshToken, bool, error) {
	t := &authserver.RefreshToken{Hash: hash}
	var created, expires, authTime int64
	var used, revoked sql.NullInt64
	err := s.db.QueryRowContext(ctx,
		`SELECT family, user_id, client_id, scope, created_at, expires_at, used_at, revoked_at, auth_time
		 FROM refresh_tokens WHERE token_hash = ?`, hash).
		Scan(&t.Family, &t.UserID, &t.ClientID, &t.Scope, &created, &expires, &used, &revoked, &authTime)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, fmt.Errorf("%w: refresh token", authserver.ErrNotFound)
	}
	if err != nil {
		return nil, false, fmt.Errorf("find refresh token: %w", err)
	}
	t.CreatedAt, t.ExpiresAt, t.AuthTime = time.Unix(created, 0).UTC(), time.Unix(expires, 0).UTC(), timeOrZero(authTime)
	return t, !used.Valid && !revoked.Valid && expires > now.Unix(), nil
}

// RevokeFamilyOf revokes a refresh token's family, and the access tokens
// issued with it (RFC 7009 §2.1), when clientID owns it.
func (s *Store) RevokeFamilyOf(ctx context.Context, hash, clientID string, now, accessUntil time.Time) error {
	var family string
	err := s.db.QueryRowContext(ctx,
		`SELECT family FROM refresh_tokens WHERE token_hash = ? AND client_id = ?`, hash, clientID).Scan(&family)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // RFC 7009 §2.2: an unknown token is no error
	}
	if err != nil {
		return fmt.Errorf("revoke refresh token: %w", err)
	}
	return s.revokeGrant(ctx, family, now, accessUntil)
}

// revokeGrant revokes a refresh-token family and the access tokens issued
// beside its members, recording those until accessUntil, when they expire.
func (s *Store) revokeGrant(ctx context.Context, family string, now, accessUntil time.Time) error {
	if _, err := s.db.ExecContext(ctx,
		`INSERT OR IGNORE INTO revoked_access(jti, expires_at)
		 SELECT access_jti, ? FROM refresh_tokens WHERE family = ? AND access_jti != ''`,
		accessUntil.Unix(), family); err != nil {
		return fmt.Errorf("revoke the grant's access tokens: %w", err)
	}
	return s.RevokeFamily(ctx, family, now)
}
