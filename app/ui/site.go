//go:build !wasm

package ui

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/authlab/authlab/app/sitemin"
)

// pwaFiles are the files go-app's handler generates besides the pages.
var pwaFiles = []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css"}

// WriteSite writes the prerendered pages and go-app's files into dir, for
// any static host to serve under cfg.BasePath. Every page is written both
// as "basic.html" and as "basic/index.html": hosts that map "/basic" to a
// file with the .html extension (GitHub Pages, Cloudflare, Netlify) and
// hosts that serve a folder's index.html after redirecting "/basic" to
// "/basic/" (a plain file server, S3, nginx) both find it. The not-found
// page is 404.html. The caller copies web/, with app.wasm, into dir first:
// its size feeds the loading bar. Last, every script and style sheet in
// dir, web/'s among them, is minified (package sitemin).
func WriteSite(dir string, cfg Config) error {
	cfg, err := cfg.Normalize()
	if err != nil {
		return err
	}
	if fi, err := os.Stat(filepath.Join(dir, "web", "app.wasm")); err == nil && cfg.WasmSize == 0 {
		cfg.WasmSize = fi.Size()
	}
	Register()
	h := Pages(cfg)
	get := func(path string) ([]byte, error) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("GET %s: status %d: %s", path, rec.Code, bytes.TrimSpace(rec.Body.Bytes()))
		}
		return rec.Body.Bytes(), nil
	}
	write := func(name string, data []byte) error {
		name = filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, "/")))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		return os.WriteFile(name, data, 0o644)
	}
	for _, p := range Paths() {
		page, err := get(p)
		if err != nil {
			return err
		}
		names := []string{p + ".html", p + "/index.html"}
		if p == "/" {
			names = []string{"/index.html"}
		}
		for _, n := range names {
			if err := write(n, page); err != nil {
				return err
			}
		}
	}
	notFound, err := get("/404")
	if err != nil {
		return err
	}
	if err := write("/404.html", notFound); err != nil {
		return err
	}
	for _, f := range pwaFiles {
		data, err := get(f)
		if err != nil {
			return err
		}
		if err := write(f, data); err != nil {
			return err
		}
	}
	_, err = sitemin.Dir(dir)
	return err
}
