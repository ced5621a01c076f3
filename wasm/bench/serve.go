package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// buildBaseline bundles baseline/main.js with jose through esbuild (from
// the worker's npm tooling) into a temporary folder.
func buildBaseline(workerDir string) (string, error) {
	dir, err := os.MkdirTemp("", "authlab-baseline-")
	if err != nil {
		return "", err
	}
	src, _ := filepath.Abs("wasm/bench/baseline")
	esbuild := filepath.Join(workerDir, "node_modules", ".bin", "esbuild")
	cmd := exec.Command(esbuild, filepath.Join(src, "main.js"), "--bundle", "--minify", "--format=esm",
		"--outfile="+filepath.Join(dir, "app.js"))
	cmd.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(workerDir, "node_modules")) // jose comes from the worker's npm tooling
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("esbuild: %v: %s", err, out)
	}
	html, err := os.ReadFile(filepath.Join(src, "index.html"))
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "index.html"), html, 0o644)
}

// staticFiles serves a folder as Workers static assets do with
// html_handling "auto-trailing-slash": /x from x, x.html or
// x/index.html, with an ETag and revalidation on every use. A file goes
// brotli-compressed to a client that accepts br, as the edge compresses
// it, and as it is to one that does not.
type staticFiles struct {
	root string
	mu   sync.Mutex
	br   map[string][]byte
}

// lookup is the file that serves path, or "" when there is none.
func (s *staticFiles) lookup(path string) string {
	p := filepath.Join(s.root, filepath.FromSlash(strings.TrimSuffix(path, "/")))
	if !strings.HasPrefix(p, filepath.Clean(s.root)) {
		return ""
	}
	for _, cand := range []string{p, p + ".html", filepath.Join(p, "index.html")} {
		if st, err := os.Stat(cand); err == nil && !st.IsDir() {
			return cand
		}
	}
	return ""
}

// brotli returns the file compressed at the highest level, compressed
// once.
func (s *staticFiles) brotli(path string, raw []byte) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.br[path]; ok {
		return b
	}
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(raw)
	w.Close()
	if s.br == nil {
		s.br = map[string][]byte{}
	}
	s.br[path] = buf.Bytes()
	return buf.Bytes()
}

func (s *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := s.lookup(r.URL.Path)
	raw, err := os.ReadFile(p)
	if p == "" || err != nil {
		http.NotFound(w, r)
		return
	}
	body := raw
	w.Header().Set("Vary", "Accept-Encoding")
	if accepts(r.Header.Get("Accept-Encoding"), "br") {
		body = s.brotli(p, raw)
		w.Header().Set("Content-Encoding", "br")
	}
	ct := map[string]string{".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
		".wasm": "application/wasm", ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}[filepath.Ext(p)]
	if ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
	sum := sha256.Sum256(body)
	w.Header().Set("ETag", fmt.Sprintf(`"%x"`, sum[:8]))
	if r.Header.Get("If-None-Match") == w.Header().Get("ETag") {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(body)
}

// accepts reports whether an Accept-Encoding value accepts coding with a
// q-value above zero, named or through "*" (RFC 9110 §12.5.3).
func accepts(header, coding string) bool {
	q := map[string]float64{}
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		weight := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
			if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
				weight = f
			}
		}
		q[strings.ToLower(strings.TrimSpace(name))] = weight
	}
	if w, ok := q[coding]; ok {
		return w > 0
	}
	return q["*"] > 0
}

// edge routes requests as Cloudflare does for a worker with static
// assets: a path that run_worker_first names goes to the worker, any
// other to its asset when there is one, and the rest to the worker.
type edge struct {
	assets      *staticFiles
	worker      http.Handler
	workerFirst []string // run_worker_first patterns
}

func (e *edge) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if e.toWorker(r.URL.Path) {
		e.worker.ServeHTTP(w, r)
		return
	}
	e.assets.ServeHTTP(w, r)
}

func (e *edge) toWorker(path string) bool {
	for _, p := range e.workerFirst {
		if glob(p, path) {
			return true
		}
	}
	return e.assets.lookup(path) == ""
}

// glob matches a run_worker_first pattern, where * stands for any
// characters, slashes included.
func glob(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(s, part)
		}
		j := strings.Index(s, part)
		if j < 0 {
			return false
		}
		s = s[j+len(part):]
	}
	return s == ""
}
