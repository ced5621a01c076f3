package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/andybalholm/brotli"
)

// buildBaseline bundles baseline/main.js with jose through esbuild (from
// the worker's npm tooling) into a temporary folder.
func buildBaseline() (string, error) {
	dir, err := os.MkdirTemp("", "authlab-baseline-")
	if err != nil {
		return "", err
	}
	src, _ := filepath.Abs("wasm/bench/baseline")
	esbuild, _ := filepath.Abs("worker/node_modules/.bin/esbuild")
	cmd := exec.Command(esbuild, filepath.Join(src, "main.js"), "--bundle", "--minify", "--format=esm",
		"--outfile="+filepath.Join(dir, "app.js"))
	modules, _ := filepath.Abs("worker/node_modules")
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules) // jose comes from the worker's npm tooling
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("esbuild: %v: %s", err, out)
	}
	html, err := os.ReadFile(filepath.Join(src, "index.html"))
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "index.html"), html, 0o644)
}

// serve serves the site as Workers static assets do (/jwt from jwt.html),
// with app.wasm sent brotli-compressed as the worker's glue sends it, and
// the baseline under /baseline/. Text assets are brotli-compressed for
// both pages alike.
func serve(site, baseline string) (*httptest.Server, error) {
	cache := map[string][]byte{}
	compress := func(path string) ([]byte, error) {
		if b, ok := cache[path]; ok {
			return b, nil
		}
		if twin, err := os.ReadFile(path + ".br"); err == nil {
			cache[path] = twin // the site's own precompressed twin
			return twin, nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
		w.Write(raw)
		w.Close()
		cache[path] = buf.Bytes()
		return buf.Bytes(), nil
	}
	files := func(root string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			p := filepath.Join(root, filepath.FromSlash(strings.TrimSuffix(r.URL.Path, "/")))
			for _, cand := range []string{p, p + ".html", filepath.Join(p, "index.html")} {
				if st, err := os.Stat(cand); err == nil && !st.IsDir() {
					p = cand
					break
				}
			}
			body, err := compress(p)
			if err != nil {
				http.NotFound(w, r)
				return
			}
			ct := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
				".wasm": "application/wasm", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}[filepath.Ext(p)]
			if ct != "" {
				w.Header().Set("Content-Type", ct)
			}
			w.Header().Set("Content-Encoding", "br")
			w.Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
			sum := sha256.Sum256(body)
			w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sum[:8]))
			if r.Header.Get("If-None-Match") == w.Header().Get("ETag") {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Write(body)
		}
	}
	// Compress everything before the first measurement.
	for _, root := range []string{site, baseline} {
		filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !strings.HasSuffix(p, ".br") && !strings.HasSuffix(p, ".gz") {
				compress(p)
			}
			return nil
		})
	}
	mux := http.NewServeMux()
	mux.Handle("/baseline/", http.StripPrefix("/baseline", files(baseline)))
	mux.Handle("/", files(site))
	return httptest.NewServer(mux), nil
}
