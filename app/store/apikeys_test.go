//go:build !js

package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/store"
)

// storeWithKey returns a store over a new SQLite file with one user, who
// owns k, stored.
func storeWithKey(t *testing.T, k *authserver.APIKey) (*store.Store, *authserver.User, *authserver.APIKey) {
	t.Helper()
	ctx := context.Background()
	db, _ := openDB(t)
	s := store.New(db)
	u := &authserver.User{Username: "owner", PasswordHash: "x", CreatedAt: time.Now()}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	k.UserID = u.ID
	if err := s.CreateAPIKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	return s, u, k
}

// TestUseAPIKeyIsExactUnderConcurrency counts more concurrent uses than
// the quota, through separate connections: exactly the quota is counted,
// and the key's use count and last use follow the counted ones only.
func TestUseAPIKeyIsExactUnderConcurrency(t *testing.T) {
	const quota, sent = 15, 40
	ctx := context.Background()
	s, u, k := storeWithKey(t, &authserver.APIKey{Prefix: "AAAAAAAA", SecretHash: "h", DailyQuota: quota, CreatedAt: time.Now()})
	now := time.Unix(1_800_000_000, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counted, refused := map[int]bool{}, 0
	for range sent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, n, ok, err := s.UseAPIKey(ctx, k.Prefix, k.SecretHash, now.Unix()/86400, now)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err != nil:
				t.Error(err)
			case ok:
				counted[n] = true
			case n != quota:
				t.Errorf("refused with count %d, want %d", n, quota)
			default:
				refused++
			}
		}()
	}
	wg.Wait()
	if len(counted) != quota || refused != sent-quota {
		t.Fatalf("%d distinct counts and %d refusals, want %d and %d", len(counted), refused, quota, sent-quota)
	}
	keys, err := s.ListAPIKeys(ctx, u.ID)
	if err != nil || len(keys) != 1 {
		t.Fatal(keys, err)
	}
	if keys[0].UseCount != quota || !keys[0].LastUsedAt.Equal(now) {
		t.Fatalf("use count %d, last used %v; want %d, %v", keys[0].UseCount, keys[0].LastUsedAt, quota, now)
	}
}

// TestUseAPIKeyCountsOnlyTheRightHash checks that UseAPIKey returns the key
// by its prefix whatever the hash, but counts a request only with the
// key's own hash, and finds no revoked key.
func TestUseAPIKeyCountsOnlyTheRightHash(t *testing.T) {
	ctx := context.Background()
	s, u, k := storeWithKey(t, &authserver.APIKey{Prefix: "BBBBBBBB", SecretHash: "right", Name: "ci", DailyQuota: 5, CreatedAt: time.Unix(1_700_000_000, 0)})
	now := time.Unix(1_800_000_000, 0)
	day := now.Unix() / 86400
	got, n, ok, err := s.UseAPIKey(ctx, k.Prefix, "wrong", day, now)
	if err != nil || ok || got == nil || got.ID != k.ID || got.SecretHash != "right" || got.Name != "ci" || got.DailyQuota != 5 || !got.CreatedAt.Equal(k.CreatedAt) {
		t.Fatalf("wrong hash: %+v %d %v %v", got, n, ok, err)
	}
	for want := 1; want <= 2; want++ {
		got, n, ok, err = s.UseAPIKey(ctx, k.Prefix, "right", day, now)
		if err != nil || !ok || n != want {
			t.Fatalf("use %d: %d %v %v", want, n, ok, err)
		}
	}
	if got.UseCount != 2 || !got.LastUsedAt.Equal(now) {
		t.Errorf("the second use read use count %d and last use %v, want 2 and %v", got.UseCount, got.LastUsedAt, now)
	}
	if _, _, _, err := s.UseAPIKey(ctx, "CCCCCCCC", "right", day, now); !errors.Is(err, authserver.ErrNotFound) {
		t.Errorf("unknown prefix: %v", err)
	}
	if err := s.RevokeAPIKey(ctx, u.ID, k.ID, now); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.UseAPIKey(ctx, k.Prefix, "right", day, now); !errors.Is(err, authserver.ErrNotFound) {
		t.Errorf("revoked key: %v", err)
	}
	keys, err := s.ListAPIKeys(ctx, u.ID)
	if err != nil || len(keys) != 1 || keys[0].UseCount != 2 {
		t.Fatalf("after: %+v %v", keys, err)
	}
}
