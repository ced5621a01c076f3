package store

import (
	"context"
	"fmt"

	"github.com/authlab/authlab/app/authserver"
)

// reserveLogin counts one attempt in two throttle counters, in the window
// that starts at the first argument, unless either counter has reached
// its limit in that window. It is one statement, so no two attempts can
// both find a counter below its limit; a counter of an earlier window
// starts again at 1. It returns the counted rows, none when it refused.
// The SELECT runs to its end before the first row is written, so both
// counters are judged as they were before the attempt.
const reserveLogin = `INSERT INTO throttle(key, count, window_start)
SELECT column1, 1, ? FROM (VALUES (?), (?))
WHERE NOT EXISTS (SELECT 1 FROM throttle WHERE window_start = ? AND (key = ? AND count >= ? OR key = ? AND count >= ?))
ON CONFLICT(key) DO UPDATE SET
  count = CASE WHEN throttle.window_start = excluded.window_start THEN throttle.count + 1 ELSE 1 END,
  window_start = excluded.window_start
RETURNING key, count`

// reserveArgs are reserveLogin's arguments for a.
func reserveArgs(a *authserver.LoginAttempt) []any {
	start := a.Window.Unix()
	return []any{start, a.Account.Key, a.Client.Key,
		start, a.Account.Key, a.Account.Limit, a.Client.Key, a.Client.Limit}
}

// selectCounts reads two counters in the window that starts at the first
// argument.
const selectCounts = `SELECT key, count FROM throttle WHERE window_start = ? AND key IN (?, ?)`

// resetThrottle forgets a key's count.
const resetThrottle = `DELETE FROM throttle WHERE key = ?`

// takeBack takes one attempt back from a key's count, if the count is
// still the one of the window that starts at the second argument.
const takeBack = `UPDATE throttle SET count = count - 1 WHERE key = ? AND window_start = ? AND count > 0`

// releaseQueries are the statements that release a, with their arguments.
func releaseQueries(a *authserver.LoginAttempt) ([]string, [][]any) {
	return []string{resetThrottle, takeBack}, [][]any{{a.Account.Key}, {a.Client.Key, a.Window.Unix()}}
}

// ReleaseLogin resets a's account counter and takes a's attempt back from
// its client counter, in one batch.
func (s *Store) ReleaseLogin(ctx context.Context, a *authserver.LoginAttempt) error {
	queries, args := releaseQueries(a)
	if _, err := s.batch(ctx, queries, args); err != nil {
		return fmt.Errorf("release login: %w", err)
	}
	return nil
}
