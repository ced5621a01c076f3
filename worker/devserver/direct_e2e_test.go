//go:build e2e

package devserver_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/worker/devserver"
)

// startGoWorker runs the built worker (make site worker worker/.dev.vars)
// on workerd directly, with nothing in front of it, for the length of
// the test.
func startGoWorker(t *testing.T) *devserver.Server {
	t.Helper()
	workerDir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	build := filepath.Join(workerDir, "build")
	w, err := devserver.GoWorker(workerDir, build, filepath.Join(build, "site"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	s, err := devserver.StartDirect(ctx, devserver.Direct{Name: t.Name(), WorkerDir: workerDir, Worker: w, State: t.TempDir()})
	if s != nil {
		t.Cleanup(s.Stop)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WaitReady(ctx, time.Minute); err != nil {
		t.Fatal(err)
	}
	return s
}

// call sends one request and decodes a JSON answer into out, when out is
// not nil; it returns the response, whose body is closed.
func call(t *testing.T, method, url, auth, body string, out any) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if out != nil {
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Fatalf("%s %s: Content-Type %q, want JSON: %s", method, url, ct, b)
		}
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v: %s", method, url, err, b)
		}
	}
	return res
}

// TestDirectWorkerd runs the Go worker on workerd from the npm package,
// with D1 as miniflare's own scripts serve it and the site as its ASSETS:
// an account is created and logs in (D1), /api/protected answers 401 JSON
// without a token and 200 JSON with it, and a page nobody serves is the
// site's 404 page.
func TestDirectWorkerd(t *testing.T) {
	s := startGoWorker(t)
	var health struct{ Status, Database string }
	if res := call(t, "GET", s.Base+"/api/health", "", "", &health); res.StatusCode != 200 || health.Database != "ok" {
		t.Fatalf("/api/health: %d %+v", res.StatusCode, health)
	}
	var e struct{ Error string }
	res := call(t, "GET", s.Base+"/api/protected", "", "", &e)
	if res.StatusCode != http.StatusUnauthorized || e.Error == "" || !strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Fatalf("/api/protected without a token: %d %q %+v", res.StatusCode, res.Header.Get("WWW-Authenticate"), e)
	}
	account := `{"username":"direct-smoke","password":"correct horse battery staple"}`
	if res := call(t, "POST", s.Base+"/api/register", "", account, &map[string]any{}); res.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d", res.StatusCode)
	}
	var login struct {
		AccessToken string `json:"access_token"`
	}
	if res := call(t, "POST", s.Base+"/api/login", "", account, &login); res.StatusCode != 200 || login.AccessToken == "" {
		t.Fatalf("login: %d %+v", res.StatusCode, login)
	}
	var claims map[string]any
	if res := call(t, "GET", s.Base+"/api/protected", "Bearer "+login.AccessToken, "", &claims); res.StatusCode != 200 {
		t.Fatalf("/api/protected with the token: %d %v", res.StatusCode, claims)
	}
	if res := call(t, "GET", s.Base+"/api/protected", "Bearer "+login.AccessToken+"x", "", &e); res.StatusCode != http.StatusUnauthorized {
		t.Fatalf("/api/protected with a altered token: %d %+v", res.StatusCode, e)
	}

	req, _ := http.NewRequest("GET", s.Base+"/no-such-page", nil)
	req.Header.Set("Accept", "text/html")
	page, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	want, err := os.ReadFile(filepath.Join("..", "build", "site", "404.html"))
	if err != nil {
		t.Fatal(err)
	}
	if page.StatusCode != http.StatusNotFound || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") || !bytes.Equal(body, want) {
		t.Fatalf("GET /no-such-page: %d %q, %d bytes; want 404 with the site's 404.html (%d bytes)", page.StatusCode, page.Header.Get("Content-Type"), len(body), len(want))
	}
}

// TestDirectWasmEncoding asks for app.wasm as Chrome does, "gzip,
// deflate, br, zstd", and with gzip ranked first. With no proxy in front
// that re-encodes, the worker's own choice (worker/glue/encoding.mjs)
// reaches the client: brotli for the tie, gzip when it ranks first, each
// byte for byte the twin that the build wrote.
func TestDirectWasmEncoding(t *testing.T) {
	s := startGoWorker(t)
	for _, c := range []struct{ accept, encoding, file string }{
		{"gzip, deflate, br, zstd", "br", "app.wasm.br"},
		{"gzip;q=1, br;q=0.5", "gzip", "app.wasm.gz"},
	} {
		res, err := devserver.GetEncoded(context.Background(), s.Base+"/web/app.wasm", c.accept)
		if err != nil {
			t.Fatal(err)
		}
		body := res.Body
		want, err := os.ReadFile(filepath.Join("..", "..", "web", c.file))
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusOK || res.Encoding != c.encoding {
			t.Errorf("Accept-Encoding %q: %d with Content-Encoding %q, want 200 with %q", c.accept, res.Status, res.Encoding, c.encoding)
			continue
		}
		if !bytes.Equal(body, want) {
			t.Errorf("Accept-Encoding %q: %d bytes, not web/%s (%d bytes)", c.accept, len(body), c.file, len(want))
		}
	}
}
