//go:build !js

// Command worker is the Authlab demo auth server. Built for js/wasm it runs
// as a Cloudflare Worker over D1; built natively it serves the same handler
// over SQLite, for development without wrangler.
package main

import (
	"bufio"
	"context"
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/store"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8787", "listen address")
	dbPath := flag.String("db", "authlab.db", "SQLite database file")
	vars := flag.String("vars", "worker/.dev.vars", "dotenv file with SIGNING_KEYS, used when the environment lacks it")
	site := flag.String("site", "worker/build/site", "static site to serve beside the API, or empty")
	flag.Parse()

	jwks := os.Getenv("SIGNING_KEYS")
	if jwks == "" {
		jwks = readVar(*vars, "SIGNING_KEYS")
	}
	signers, err := signingKeys(jwks)
	if err != nil {
		log.Fatal(err)
	}
	db, err := store.OpenSQLite(context.Background(), *dbPath)
	if err != nil {
		log.Fatal(err)
	}
	quota, _ := strconv.Atoi(os.Getenv("DAILY_QUOTA"))
	api, err := authserver.New(authserver.Config{
		Store:          store.New(db),
		SigningKeys:    signers,
		Issuer:         os.Getenv("ISSUER"),
		DailyQuota:     quota,
		AllowedOrigins: origins(os.Getenv("CORS_ORIGINS")),
		// Clients connect here directly: a CF-Connecting-IP header is
		// theirs to forge, so only the connection names them.
		ClientAddr: authserver.ConnectionAddr,

		OAuthRedirectURIs: origins(os.Getenv("OAUTH_REDIRECT_URIS")),
		DemoClientSecret:  os.Getenv("OAUTH_DEMO_SECRET"),
	})
	if err != nil {
		log.Fatal(err)
	}
	var h http.Handler = api
	if *site != "" {
		h = withSite(*site, api)
	}
	log.Printf("Authlab on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, h))
}

// withSite serves files from dir, as Workers static assets do, and hands
// every other request to api.
func withSite(dir string, api http.Handler) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimSuffix(r.URL.Path, "/")
		for _, name := range []string{p, p + ".html", p + "/index.html"} {
			if st, err := os.Stat(dir + name); err == nil && !st.IsDir() {
				r.URL.Path = name
				files.ServeHTTP(w, r)
				return
			}
		}
		rec := &pageFallback{ResponseWriter: w}
		api.ServeHTTP(rec, r)
		if rec.page {
			page, err := os.ReadFile(dir + "/404.html")
			if err != nil {
				http.Error(w, "not found", http.StatusNotFound)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
		}
	})
}

// pageFallback holds back an answer that authserver.NotFoundPageHeader
// marks, for withSite to answer with the site's 404 page instead.
type pageFallback struct {
	http.ResponseWriter
	page bool
}

func (p *pageFallback) WriteHeader(code int) {
	if code == http.StatusNotFound && p.Header().Get(authserver.NotFoundPageHeader) != "" {
		p.page = true
		return
	}
	p.ResponseWriter.WriteHeader(code)
}

func (p *pageFallback) Write(b []byte) (int, error) {
	if p.page {
		return len(b), nil
	}
	return p.ResponseWriter.Write(b)
}

// readVar reads one NAME=value (value optionally single-quoted) from a
// dotenv file.
func readVar(path, name string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+"="); ok {
			return strings.Trim(v, `'"`)
		}
	}
	return ""
}
