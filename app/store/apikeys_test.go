//go:build !js

package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/store"
)

// TestUseAPIKeyIsExactUnderConcurrency counts more concurrent uses than
// the quota, through separate connections: exactly the quota is counted,
// and the key's use count and last use follow the counted ones only.
func TestUseAPIKeyIsExactUnderConcurrency(t *testing.T) {
	const quota, sent = 15, 40
	ctx := context.Background()
	db, _ := openDB(t)
	s := store.New(db)
	u := &authserver.User{Username: "quota", PasswordHash: "x", CreatedAt: time.Now()}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	k := &authserver.APIKey{UserID: u.ID, Prefix: "AAAAAAAA", SecretHash: "h", DailyQuota: quota, CreatedAt: time.Now()}
	if err := s.CreateAPIKey(ctx, k); err != nil {
		t.Fatal(err)
	}
	now := time.Unix(1_800_000_000, 0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	counted, refused := map[int]bool{}, 0
	for range sent {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, ok, err := s.UseAPIKey(ctx, k, now.Unix()/86400, now)
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
