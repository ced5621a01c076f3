package main

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestAccepts(t *testing.T) {
	for _, c := range []struct {
		header string
		want   bool
	}{
		{"gzip, deflate, br, zstd", true},
		{"gzip, deflate", false},
		{"gzip, br;q=0", false},
		{"gzip, BR;q=0.5", true},
		{"*", true},
		{"*;q=0", false},
		{"br;q=0, *", false},
		{"", false},
	} {
		if got := accepts(c.header, "br"); got != c.want {
			t.Errorf("accepts(%q, br) = %v, want %v", c.header, got, c.want)
		}
	}
}

func TestGlob(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/web/app.wasm", "/web/app.wasm", true},
		{"/web/app.wasm", "/web/app.wasm.br", false},
		{"/*/web/app.wasm", "/base/web/app.wasm", true},
		{"/*/web/app.wasm", "/a/b/web/app.wasm", true},
		{"/*/web/app.wasm", "/web/app.wasm", false},
		{"/api/*", "/api/", true},
		{"/api/*", "/apis", false},
	} {
		if got := glob(c.pattern, c.path); got != c.want {
			t.Errorf("glob(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

// site is a folder with a page, its app.wasm and a nested index.
func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"jwt.html": "<p>jwt</p>", "index.html": "<p>home</p>", "web/app.wasm": "wasm", "docs/index.html": "<p>docs</p>"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestEdgeRoutesAsStaticAssets(t *testing.T) {
	e := &edge{assets: &staticFiles{root: site(t)}, workerFirst: []string{"/web/app.wasm", "/*/web/app.wasm"}}
	for path, want := range map[string]bool{
		"/jwt": false, "/": false, "/docs/": false, "/docs": false, // assets, with auto-trailing-slash
		"/web/app.wasm": true, "/base/web/app.wasm": true, // run_worker_first
		"/api/token": true, "/../etc/passwd": true, // no such asset
	} {
		if got := e.toWorker(path); got != want {
			t.Errorf("toWorker(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestStaticFilesCompressOnlyForClientsThatAcceptBrotli(t *testing.T) {
	s := &staticFiles{root: site(t)}
	get := func(accept string) *http.Response {
		r := httptest.NewRequest("GET", "/jwt", nil)
		r.Header.Set("Accept-Encoding", accept)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w.Result()
	}
	res := get("gzip, deflate, br, zstd")
	if res.Header.Get("Content-Encoding") != "br" {
		t.Fatalf("Content-Encoding %q, want br", res.Header.Get("Content-Encoding"))
	}
	plain, err := io.ReadAll(brotli.NewReader(res.Body))
	if err != nil || string(plain) != "<p>jwt</p>" {
		t.Errorf("decoded body %q, %v", plain, err)
	}
	res = get("gzip, deflate")
	body, _ := io.ReadAll(res.Body)
	if res.Header.Get("Content-Encoding") != "" || !bytes.Equal(body, []byte("<p>jwt</p>")) {
		t.Errorf("without br: Content-Encoding %q, body %q", res.Header.Get("Content-Encoding"), body)
	}
	if res.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("Vary %q", res.Header.Get("Vary"))
	}
}
