//go:build !js

package authserver_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/authserver/openapitest"
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
	srv  http.Handler // served only by serve, which checks each exchange
	spec *openapitest.Checker
	// server is the Server itself, for what the tests ask it directly.
	server *authserver.Server
	clock  *clock
	key    *keys.Key
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
	return &testServer{srv: s, server: s, spec: specOf(t, s), clock: c, key: key}
}

// specOf is the checker of the server's own /openapi.json.
func specOf(t testing.TB, h http.Handler) *openapitest.Checker {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/openapi.json", nil))
	spec, err := openapitest.New(rec.Body.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// behindEdge configures the server as the worker does: clients come
// through Cloudflare's edge, which names them in CF-Connecting-IP.
func behindEdge(c *authserver.Config) { c.ClientAddr = authserver.CloudflareAddr }

// response is a recorded answer with its JSON body decoded, when it has
// one, and what the OpenAPI document says of the exchange.
type response struct {
	*httptest.ResponseRecorder
	JSON map[string]any
	spec openapitest.Verdict
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
	r := s.serve(t, req)
	rec := r.ResponseRecorder
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

// serve serves one request, which every helper sends through it, and
// checks the exchange against the server's /openapi.json: a test fails
// when the document does not describe the answer, or refuses a request
// that the server accepted. Every answer must be below 500.
func (s *testServer) serve(t testing.TB, req *http.Request) *response {
	t.Helper()
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(body))
	}
	rec := httptest.NewRecorder()
	s.srv.ServeHTTP(rec, req)
	if rec.Code >= 500 {
		t.Fatalf("%s %s: %d %s", req.Method, req.URL, rec.Code, rec.Body)
	}
	verdict := s.spec.Check(req, body, rec.Result())
	for _, p := range verdict.Problems() {
		t.Errorf("%s %s: /openapi.json disagrees: %s", req.Method, req.URL, p)
	}
	return &response{ResponseRecorder: rec, spec: verdict}
}

// wantRefusedBySpec checks that the document refuses a request that the
// server refused as malformed: the test's bad input is bad by the
// document's own schemas, which a client generated from it then never
// sends.
func wantRefusedBySpec(t testing.TB, r *response) {
	t.Helper()
	if r.spec.Accepted || len(r.spec.Request) == 0 {
		t.Errorf("/openapi.json accepts the request that the server answered %d %s", r.Code, r.Body)
	}
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
