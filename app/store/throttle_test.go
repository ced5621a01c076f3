//go:build !js

package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/store"
)

// TestReserveLogin runs sequences of failed login attempts through the
// store's throttle. Before its reservation a step may first let an
// earlier step's login succeed, which releases that attempt; each step
// states whether its attempt is counted and the two counts after it.
func TestReserveLogin(t *testing.T) {
	type step struct {
		window   int // the window the attempt is in
		succeed  int // 1 + the index of the earlier step whose login succeeds first, or 0
		reserved bool
		account  int // the counts the reservation reads
		client   int
	}
	const accountLimit, clientLimit = 2, 3
	tests := []struct {
		name  string
		other bool // the odd attempts are at another account
		steps []step
	}{
		{"failures up to the account's limit", false, []step{
			{0, 0, true, 1, 1}, {0, 0, true, 2, 2}, {0, 0, false, 2, 2}, {0, 0, false, 2, 2},
		}},
		{"the next window starts again", false, []step{
			{0, 0, true, 1, 1}, {0, 0, true, 2, 2}, {0, 0, false, 2, 2}, {1, 0, true, 1, 1},
		}},
		{"a success resets the account and takes its attempt back from the client", false, []step{
			{0, 0, true, 1, 1}, {0, 0, true, 2, 2}, {0, 2, true, 1, 2}, {0, 0, true, 2, 3},
		}},
		{"the client's limit across accounts", true, []step{
			{0, 0, true, 1, 1}, {0, 0, true, 1, 2}, {0, 0, true, 2, 3}, {0, 0, false, 1, 3},
		}},
		{"at the client's limit the account is not counted", true, []step{
			{0, 0, true, 1, 1}, {0, 0, true, 1, 2}, {0, 0, true, 2, 3}, {0, 0, false, 1, 3}, {0, 0, false, 2, 3},
		}},
		{"a success takes nothing back from a later window", false, []step{
			{0, 0, true, 1, 1}, {1, 0, true, 1, 1}, {1, 1, true, 1, 2},
		}},
	}
	start := time.Date(2026, 3, 4, 5, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			db, _ := openDB(t)
			st := store.New(db)
			u := &authserver.User{Username: "alice", PasswordHash: "h", CreatedAt: start}
			if err := st.CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
			attempts := make([]*authserver.LoginAttempt, len(tt.steps))
			for i, s := range tt.steps {
				if s.succeed > 0 {
					if err := st.ReleaseLogin(ctx, attempts[s.succeed-1]); err != nil {
						t.Fatalf("step %d: %v", i, err)
					}
				}
				name := "alice"
				if tt.other && i%2 == 1 {
					name = "bob"
				}
				a := &authserver.LoginAttempt{
					Account: authserver.ThrottleCounter{Key: "login:" + name + "|192.0.2.1", Limit: accountLimit},
					Client:  authserver.ThrottleCounter{Key: "login-client:192.0.2.1", Limit: clientLimit},
					Window:  start.Add(time.Duration(s.window) * 15 * time.Minute),
				}
				reserved, got, err := st.ReserveLogin(ctx, name, a)
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if reserved != s.reserved || a.Account.Count != s.account || a.Client.Count != s.client {
					t.Fatalf("step %d: reserved %v, counts %d and %d; want %v, %d and %d",
						i, reserved, a.Account.Count, a.Client.Count, s.reserved, s.account, s.client)
				}
				if (got != nil) != (name == "alice") || got != nil && got.ID != u.ID {
					t.Fatalf("step %d: user %+v for %s", i, got, name)
				}
				attempts[i] = a
			}
		})
	}
}
