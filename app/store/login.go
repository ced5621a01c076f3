package store

import (
	"context"
	"fmt"

	"github.com/authlab/authlab/app/authserver"
)

// ReserveLogin does what a login does before it checks the password, in
// one batch: it counts the attempt a in both its counters unless either
// is at its limit (reserveLogin), reads both counts into a, and reads the
// user named name, or nil. It reports whether the attempt was counted.
func (s *Store) ReserveLogin(ctx context.Context, name string, a *authserver.LoginAttempt) (bool, *authserver.User, error) {
	start := a.Window.Unix()
	res, err := s.batch(ctx, []string{reserveLogin, selectCounts, selectUserByName},
		[][]any{reserveArgs(a), {start, a.Account.Key, a.Client.Key}, {name}})
	if err != nil {
		return false, nil, fmt.Errorf("reserve login: %w", err)
	}
	if len(res) != 3 || len(res[2]) > 1 {
		return false, nil, fmt.Errorf("reserve login: %w", errShape)
	}
	a.Account.Count, a.Client.Count = 0, 0
	for _, row := range res[1] {
		if len(row) != 2 {
			return false, nil, fmt.Errorf("reserve login: %w", errShape)
		}
		n, err := int64Of(row[1])
		if err != nil {
			return false, nil, fmt.Errorf("reserve login: %w", err)
		}
		switch textOf(row[0]) {
		case a.Account.Key:
			a.Account.Count = int(n)
		case a.Client.Key:
			a.Client.Count = int(n)
		}
	}
	reserved := len(res[0]) > 0
	if len(res[2]) == 0 {
		return reserved, nil, nil
	}
	u, err := scanUser(batchRow(res[2][0]))
	if err != nil {
		return false, nil, fmt.Errorf("reserve login: %w", err)
	}
	return reserved, u, nil
}

// LoginDone writes what a successful login changes, in one batch: the
// attempt a is released (see ReleaseLogin), the refresh token t stored
// and, when rehash is not nil, the account's password hash replaced if it
// is still the old one.
func (s *Store) LoginDone(ctx context.Context, a *authserver.LoginAttempt, t *authserver.RefreshToken, rehash *authserver.Rehash) error {
	queries, args := releaseQueries(a)
	queries = append(queries, insertRefresh)
	args = append(args, refreshArgs(t))
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
