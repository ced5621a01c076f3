package store

import (
	"context"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/authserver"
)

// LoginLookup reads what a login checks before the password, in one batch:
// the throttle counts of keys in the window containing now, in order, and
// the user named name, or nil.
func (s *Store) LoginLookup(ctx context.Context, name string, keys []string, now time.Time, window time.Duration) ([]int, *authserver.User, error) {
	in := "?"
	args := []any{now.Truncate(window).Unix()}
	for i, k := range keys {
		if i > 0 {
			in += ", ?"
		}
		args = append(args, k)
	}
	res, err := s.batch(ctx, []string{
		`SELECT key, count FROM throttle WHERE window_start = ? AND key IN (` + in + `)`,
		selectUserByName,
	}, [][]any{args, {name}})
	if err != nil {
		return nil, nil, fmt.Errorf("login lookup: %w", err)
	}
	if len(res) != 2 || len(res[1]) > 1 {
		return nil, nil, fmt.Errorf("login lookup: %w", errShape)
	}
	counts := make([]int, len(keys))
	for _, row := range res[0] {
		if len(row) != 2 {
			return nil, nil, fmt.Errorf("login lookup: %w", errShape)
		}
		n, err := int64Of(row[1])
		if err != nil {
			return nil, nil, fmt.Errorf("login lookup: %w", err)
		}
		for i, k := range keys {
			if k == textOf(row[0]) {
				counts[i] = int(n)
			}
		}
	}
	if len(res[1]) == 0 {
		return counts, nil, nil
	}
	u, err := scanUser(batchRow(res[1][0]))
	if err != nil {
		return nil, nil, fmt.Errorf("login lookup: %w", err)
	}
	return counts, u, nil
}

// LoginDone writes what a successful login changes, in one batch: key's
// throttle count is forgotten, the refresh token t stored and, when rehash
// is not nil, the account's password hash replaced if it is still the old
// one.
func (s *Store) LoginDone(ctx context.Context, key string, t *authserver.RefreshToken, rehash *authserver.Rehash) error {
	queries := []string{
		resetThrottle,
		insertRefresh,
	}
	args := [][]any{{key}, refreshArgs(t)}
	if rehash != nil {
		queries = append(queries, `UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?`)
		args = append(args, []any{rehash.New, rehash.UserID, rehash.Old})
	}
	_, err := s.batch(ctx, queries, args)
	if err != nil {
		return fmt.Errorf("record login: %w", err)
	}
	return nil
}
