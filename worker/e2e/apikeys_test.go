//go:build e2e

package e2e_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func createKey(t *testing.T, a *account, body string) (id, key string) {
	t.Helper()
	r := call(t, "POST", "/api/keys", body, a.bearer()...)
	if r.Status != 201 {
		t.Fatalf("create key: %d %s", r.Status, r.Raw)
	}
	id, _ = r.Body["id"].(string)
	key, _ = r.Body["key"].(string)
	if !strings.HasPrefix(key, "alk_") || id == "" {
		t.Fatalf("create key: %s", r.Raw)
	}
	return id, key
}

func TestAPIKeyLifecycle(t *testing.T) {
	a := newAccount(t, "key")
	id, key := createKey(t, a, `{"name":"ci"}`)
	r := call(t, "GET", "/api/data", "", "X-API-Key", key)
	if r.Status != 200 || r.Header.Get("Warning") != "" {
		t.Fatalf("header key: %d %v %s", r.Status, r.Header, r.Raw)
	}
	headerHas(t, r, "RateLimit-Limit", "100")
	headerHas(t, r, "RateLimit-Remaining", "99")
	r = call(t, "GET", "/api/data?api_key="+key, "")
	if r.Status != 200 {
		t.Fatalf("query key: %d %s", r.Status, r.Raw)
	}
	headerHas(t, r, "Warning", "query string")
	list := call(t, "GET", "/api/keys", "", a.bearer()...)
	if list.Status != 200 || strings.Contains(list.Raw, key) || !strings.Contains(list.Raw, `"use_count":2`) {
		t.Fatalf("list: %d %s", list.Status, list.Raw)
	}
	if r := call(t, "DELETE", "/api/keys/"+id, "", a.bearer()...); r.Status != 204 {
		t.Fatalf("revoke: %d %s", r.Status, r.Raw)
	}
	if r := call(t, "GET", "/api/data", "", "X-API-Key", key); r.Status != 401 || r.Body["error"] != "invalid_api_key" {
		t.Fatalf("revoked key: %d %s", r.Status, r.Raw)
	}
	other := newAccount(t, "other")
	if r := call(t, "DELETE", "/api/keys/"+id, "", other.bearer()...); r.Status != 404 {
		t.Fatalf("revoking someone else's key: %d %s", r.Status, r.Raw)
	}
	for _, bad := range []string{"", "alk_short", "alk_AAAAAAAA_" + strings.Repeat("A", 43), key[:len(key)-1] + "x"} {
		if r := call(t, "GET", "/api/data", "", "X-API-Key", bad); r.Status != 401 {
			t.Fatalf("key %q: %d %s", bad, r.Status, r.Raw)
		}
	}
}

// TestQuotaIsExactUnderConcurrency sends more parallel requests than the
// quota allows: exactly the quota succeeds.
func TestQuotaIsExactUnderConcurrency(t *testing.T) {
	const quota, sent = 15, 40
	a := newAccount(t, "quota")
	_, key := createKey(t, a, `{"daily_quota":`+strconv.Itoa(quota)+`}`)
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	var retryAfter string
	client := testClient(t)
	for i := 0; i < sent; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", baseURL+"/api/data", nil)
			req.Header.Set("X-API-Key", key)
			res, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			mu.Lock()
			codes[res.StatusCode]++
			if res.StatusCode == 429 {
				retryAfter = res.Header.Get("Retry-After")
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if codes[200] != quota || codes[429] != sent-quota {
		t.Fatalf("status counts %v, want %d×200 and %d×429", codes, quota, sent-quota)
	}
	if s, err := strconv.Atoi(retryAfter); err != nil || s < 1 || s > 86400 {
		t.Fatalf("Retry-After = %q", retryAfter)
	}
	list := call(t, "GET", "/api/keys", "", a.bearer()...)
	if !strings.Contains(list.Raw, `"use_count":`+strconv.Itoa(quota)) {
		t.Fatalf("use_count is not %d: %s", quota, list.Raw)
	}
}
