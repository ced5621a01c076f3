//go:build !js

package authserver_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/password"
	"github.com/authlab/authlab/app/store"
)

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testServer is an authserver.Server over a SQLite file, with a fixed
// clock and a fresh P-256 signing key.
type testServer struct {
	srv     *authserver.Server
	handler http.Handler
	clock   *clock
	key     *keys.Key
}

func newServer(t testing.TB, iterations int, mod ...func(*authserver.Config)) *testServer {
	t.Helper()
	return serverOn(t, openStore(t), iterations, mod...)
}

// openStore is a store over a new SQLite file, closed with the test.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	db, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "authlab.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return store.New(db)
}

// serverOn is a testServer over st whose passwords use iterations.
func serverOn(t testing.TB, st *store.Store, iterations int, mod ...func(*authserver.Config)) *testServer {
	t.Helper()
	key, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	c := &clock{t: time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)}
	cfg := authserver.Config{
		Store:       st,
		SigningKeys: []*keys.Key{key},
		Passwords:   &password.Hasher{Iterations: iterations},
		Now:         c.Now,
	}
	for _, m := range mod {
		m(&cfg)
	}
	s, err := authserver.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{srv: s, handler: s, clock: c, key: key}
}

// behindEdge configures the server as the worker does: clients come
// through Cloudflare's edge, which names them in CF-Connecting-IP.
func behindEdge(c *authserver.Config) { c.ClientAddr = authserver.CloudflareAddr }

// response is a recorded answer with its JSON body decoded, when it has
// one.
type response struct {
	*httptest.ResponseRecorder
	JSON map[string]any
}

func (r *response) str(name string) string {
	s, _ := r.JSON[name].(string)
	return s
}

// do serves one request. Every answer must be below 500, and every error
// answer a JSON {"error","error_description"}.
func (s *testServer) do(t testing.TB, method, path, body string, header ...string) *response {
	t.Helper()
	var req *http.Request
	if body == "" {
		req = httptest.NewRequest(method, path, nil)
	} else {
		req = httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i+1] == "" {
			req.Header.Del(header[i])
		} else {
			req.Header.Add(header[i], header[i+1])
		}
	}
	rec := httptest.NewRecorder()
	s.handler.ServeHTTP(rec, req)
	r := &response{ResponseRecorder: rec}
	if rec.Code >= 500 {
		t.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body)
	}
	if strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &r.JSON); err != nil {
			t.Fatalf("%s %s: body is not JSON: %v: %q", method, path, err, rec.Body)
		}
	}
	if rec.Code >= 400 {
		if r.str("error") == "" || r.str("error_description") == "" {
			t.Fatalf("%s %s: %d with error body %q", method, path, rec.Code, rec.Body)
		}
	}
	return r
}

func credentials(user, pw string) string {
	b, _ := json.Marshal(map[string]string{"username": user, "password": pw})
	return string(b)
}

// register creates an account, failing the test otherwise.
func (s *testServer) register(t testing.TB, user, pw string) *response {
	t.Helper()
	r := s.do(t, "POST", "/api/register", credentials(user, pw))
	if r.Code != http.StatusCreated {
		t.Fatalf("register %s: %d %s", user, r.Code, r.Body)
	}
	return r
}

// login returns an access token, failing the test otherwise.
func (s *testServer) login(t testing.TB, user, pw string) string {
	t.Helper()
	r := s.do(t, "POST", "/api/login", credentials(user, pw))
	if r.Code != http.StatusOK || r.str("access_token") == "" {
		t.Fatalf("login %s: %d %s", user, r.Code, r.Body)
	}
	return r.str("access_token")
}
