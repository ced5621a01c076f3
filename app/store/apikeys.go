package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// CreateAPIKey stores a key's prefix and hash.
func (s *Store) CreateAPIKey(ctx context.Context, k *authserver.APIKey) error {
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO api_keys(user_id, prefix, secret_hash, name, daily_quota, created_at)
		 VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
		k.UserID, k.Prefix, k.SecretHash, k.Name, k.DailyQuota, k.CreatedAt.Unix()).Scan(&k.ID)
	if err != nil {
		return fmt.Errorf("store API key: %w", err)
	}
	return nil
}

const apiKeyColumns = `id, user_id, prefix, secret_hash, name, daily_quota, created_at, last_used_at, use_count, revoked_at`

func scanAPIKey(sc scanner) (*authserver.APIKey, error) {
	k := &authserver.APIKey{}
	var created int64
	var lastUsed, revoked sql.NullInt64
	if err := sc.Scan(&k.ID, &k.UserID, &k.Prefix, &k.SecretHash, &k.Name, &k.DailyQuota, &created, &lastUsed, &k.UseCount, &revoked); err != nil {
		return nil, err
	}
	k.CreatedAt = time.Unix(created, 0).UTC()
	if lastUsed.Valid {
		k.LastUsedAt = time.Unix(lastUsed.Int64, 0).UTC()
	}
	k.Revoked = revoked.Valid
	return k, nil
}

// ListAPIKeys lists a user's keys, newest first, revoked ones included.
func (s *Store) ListAPIKeys(ctx context.Context, userID int64) ([]*authserver.APIKey, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list API keys: %w", err)
	}
	defer rows.Close()
	keys := []*authserver.APIKey{}
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, fmt.Errorf("list API keys: %w", err)
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// RevokeAPIKey revokes a user's active key.
func (s *Store) RevokeAPIKey(ctx context.Context, userID, id int64, now time.Time) error {
	var got int64
	err := s.db.QueryRowContext(ctx,
		`UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL RETURNING id`,
		now.Unix(), id, userID).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: no active API key %d of yours", authserver.ErrNotFound, id)
	}
	if err != nil {
		return fmt.Errorf("revoke API key: %w", err)
	}
	return nil
}

// UseAPIKey finds the active key with prefix and, when hash is its
// secret hash, counts one request against its daily quota, all in one
// batch: on D1 one round trip. The count is a single upsert that stops at
// the quota, so N concurrent requests count exactly N up to the quota,
// with no read-then-write race. The key's last use and use count are
// updated in the same transaction, first and under the same conditions,
// so exactly the counted requests update them; the key is read last, as
// they left it. Every statement before the read writes, so SQLite takes
// the write lock at the first one and never has to upgrade a read lock. A
// key whose hash differs is returned uncounted, for the caller's
// constant-time check to refuse.
func (s *Store) UseAPIKey(ctx context.Context, prefix, hash string, day int64, now time.Time) (*authserver.APIKey, int, bool, error) {
	const presented = `prefix = ? AND secret_hash = ? AND revoked_at IS NULL`
	res, err := s.batch(ctx, []string{
		`UPDATE api_keys SET last_used_at = ?, use_count = use_count + 1
		 WHERE ` + presented + ` AND coalesce((SELECT count FROM api_key_usage WHERE key_id = api_keys.id AND day = ?), 0) < daily_quota`,
		`INSERT INTO api_key_usage(key_id, day, count) SELECT id, ?, 1 FROM api_keys WHERE ` + presented + `
		 ON CONFLICT(key_id, day) DO UPDATE SET count = count + 1
		 WHERE count < (SELECT daily_quota FROM api_keys WHERE id = excluded.key_id)
		 RETURNING count`,
		`SELECT ` + apiKeyColumns + ` FROM api_keys WHERE prefix = ? AND revoked_at IS NULL`,
	}, [][]any{
		{now.Unix(), prefix, hash, day},
		{day, prefix, hash},
		{prefix},
	})
	if err != nil {
		return nil, 0, false, fmt.Errorf("use API key: %w", err)
	}
	if len(res) != 3 || len(res[2]) > 1 || len(res[1]) > 1 || len(res[1]) == 1 && len(res[1][0]) != 1 {
		return nil, 0, false, fmt.Errorf("use API key: %w", errShape)
	}
	if len(res[2]) == 0 {
		return nil, 0, false, fmt.Errorf("%w: API key", authserver.ErrNotFound)
	}
	k, err := scanAPIKey(batchRow(res[2][0]))
	if err != nil {
		return nil, 0, false, fmt.Errorf("use API key: %w", err)
	}
	if len(res[1]) == 0 {
		return k, k.DailyQuota, false, nil
	}
	count, err := int64Of(res[1][0][0])
	if err != nil {
		return nil, 0, false, fmt.Errorf("use API key: %w", err)
	}
	return k, int(count), true, nil
}
