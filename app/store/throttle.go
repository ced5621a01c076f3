package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Throttle counts one event for key in the fixed window containing now. The
// upsert is one statement, so concurrent events are all counted.
func (s *Store) Throttle(ctx context.Context, key string, now time.Time, window time.Duration) (int, time.Time, error) {
	start := now.Truncate(window).Unix()
	var count int
	var windowStart int64
	err := s.db.QueryRowContext(ctx,
		`INSERT INTO throttle(key, count, window_start) VALUES (?, 1, ?)
		 ON CONFLICT(key) DO UPDATE SET
		   count = CASE WHEN throttle.window_start = excluded.window_start THEN throttle.count + 1 ELSE 1 END,
		   window_start = excluded.window_start
		 RETURNING count, window_start`, key, start).Scan(&count, &windowStart)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("throttle: %w", err)
	}
	return count, time.Unix(windowStart, 0).Add(window).UTC(), nil
}

// Throttled returns the highest count of keys in the current window.
func (s *Store) Throttled(ctx context.Context, keys []string, now time.Time, window time.Duration) (int, time.Time, error) {
	if len(keys) == 0 {
		return 0, time.Time{}, nil
	}
	start := now.Truncate(window).Unix()
	args := []any{start}
	for _, k := range keys {
		args = append(args, k)
	}
	var count int
	err := s.db.QueryRowContext(ctx,
		`SELECT coalesce(max(count), 0) FROM throttle WHERE window_start = ? AND key IN (?`+
			strings.Repeat(", ?", len(keys)-1)+`)`, args...).Scan(&count)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("throttled: %w", err)
	}
	return count, time.Unix(start, 0).Add(window).UTC(), nil
}

// resetThrottle forgets a key's count.
const resetThrottle = `DELETE FROM throttle WHERE key = ?`

// ResetThrottle forgets key's count.
func (s *Store) ResetThrottle(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, resetThrottle, key); err != nil {
		return fmt.Errorf("reset throttle: %w", err)
	}
	return nil
}
