//go:build e2e

package e2e_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The static site is tested as a GitHub Pages project site: built by
// `make site` under /authlab, served from https://pages.example/authlab/
// by a plain file server, and talking to the worker on its own origin
// through CORS (TestMain allows https://pages.example).
const (
	sitePath = "/authlab"
	siteHost = "pages.example"
)

// staticSite is the built site, served over TLS.
type staticSite struct {
	dir string
	*tlsOrigin
	client *http.Client
}

func (s *staticSite) url(p string) string { return "https://" + siteHost + sitePath + p }

// buildSite runs `make site` into a temporary folder, with app.wasm as
// already built (make -o), and serves it.
func buildSite(t *testing.T) *staticSite {
	t.Helper()
	root := filepath.Dir(workerDir())
	dir := t.TempDir()
	cmd := exec.Command("make", "-o", "web/app.wasm", "site", "SITE_DIR="+dir, "BASE_PATH="+sitePath, "API_URL="+baseURL)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("make site: %v\n%s", err, out)
	}
	mux := http.NewServeMux()
	mux.Handle(sitePath+"/", http.StripPrefix(sitePath, withNotFoundPage(dir, http.FileServer(http.Dir(dir)))))
	s := &staticSite{dir: dir, tlsOrigin: serveTLS(t, siteHost, mux)}
	s.client = s.httpClient()
	return s
}

// withNotFoundPage serves 404.html, with status 404, for paths that name
// no file, as GitHub Pages and most static hosts do.
func withNotFoundPage(dir string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Clean("/"+r.URL.Path)))); err != nil {
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// get fetches a site path, following the file server's redirects.
func (s *staticSite) get(t *testing.T, p string) (int, string, string) {
	t.Helper()
	u := s.url(p)
	for i := 0; i < 5; i++ {
		res, err := s.client.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if loc := res.Header.Get("Location"); res.StatusCode/100 == 3 && loc != "" {
			next, _ := url.Parse(u)
			u = next.ResolveReference(&url.URL{Path: loc}).String()
			continue
		}
		return res.StatusCode, res.Header.Get("Content-Type"), string(body)
	}
	t.Fatalf("%s: too many redirects", p)
	return 0, "", ""
}

var localRef = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

func TestStaticSiteUnderBasePath(t *testing.T) {
	s := buildSite(t)
	api, _ := url.Parse(baseURL)

	for p, h1 := range pageTitles {
		for _, variant := range []string{p, strings.TrimSuffix(p, "/") + "/", strings.TrimSuffix(p, "/") + ".html"} {
			if p == "/" && variant != "/" {
				continue
			}
			status, _, body := s.get(t, variant)
			if status != 200 || !strings.Contains(body, "<h1>"+h1+"</h1>") {
				t.Errorf("%s: status %d, prerendered h1 %q missing", variant, status, h1)
				continue
			}
			for _, m := range localRef.FindAllStringSubmatch(body, -1) {
				if !strings.HasPrefix(m[1], sitePath+"/") {
					t.Errorf("%s links outside the base path: %s", variant, m[1])
				}
			}
			// The JWT workbench's policy also allows https:, for issuer
			// discovery; every other page's allows the demo server only.
			connect := "connect-src 'self' " + baseURL + ";"
			if strings.HasPrefix(p, "/jwt") {
				connect = "connect-src 'self' " + baseURL + " https:;"
			}
			if !strings.Contains(body, connect) {
				t.Errorf("%s: the CSP is not %q", variant, connect)
			}
		}
	}
	status, _, body := s.get(t, "/no/such/page")
	if status != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("unknown path: %d", status)
	}
	for _, f := range []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css",
		"/web/app.wasm", "/web/app.css", "/web/loader.js", "/web/icon.svg", "/404.html"} {
		if status, _, _ := s.get(t, f); status != 200 {
			t.Errorf("%s: status %d", f, status)
		}
	}
	if _, ct, _ := s.get(t, "/web/app.wasm"); ct != "application/wasm" {
		t.Errorf("app.wasm served as %q", ct)
	}
	_, _, appJS := s.get(t, "/app.js")
	for _, want := range []string{`GOAPP_ROOT_PREFIX:"/authlab/"`, `AUTHLAB_API_URL:"` + baseURL + `"`, `"/authlab/web/app.wasm"`, `"/authlab/app-worker.js"`} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	_, _, manifest := s.get(t, "/manifest.webmanifest")
	var m struct {
		StartURL string `json:"start_url"`
		Icons    []struct {
			Src string `json:"src"`
		} `json:"icons"`
	}
	if err := json.Unmarshal([]byte(manifest), &m); err != nil || m.StartURL != "/authlab/" || !strings.HasPrefix(m.Icons[0].Src, "/authlab/web/") {
		t.Errorf("manifest: %v %s", err, manifest)
	}
	_, _, sw := s.get(t, "/app-worker.js")
	resources := resourceList(t, sw)
	for _, r := range resources {
		if !strings.HasPrefix(r, sitePath+"/") && r != sitePath {
			t.Errorf("the service worker caches %s, outside the base path", r)
		}
		if status, _, _ := s.get(t, strings.TrimPrefix(r, sitePath)); status != 200 {
			t.Errorf("the service worker caches %s, which answers %d", r, status)
		}
	}

	t.Run("browser", func(t *testing.T) { siteInBrowser(t, s, api, len(resources)) })
}

// siteInBrowser uses the site in chromium as a visitor would, then again
// with the host gone.
func siteInBrowser(t *testing.T, s *staticSite, api *url.URL, resources int) {
	b := uiBrowser(t, chromiumTrusts(s.tlsOrigin)...)
	b.openURL(s.url("/"))
	if n := b.count(`nav.nav a[href^="/authlab/"]`); n != navLinks {
		t.Errorf("%d navigation links under /authlab/ after app.wasm rendered, want %d", n, navLinks)
	}
	// Following a link stays inside the app and under the base path.
	b.click(`nav.nav a[href="/authlab/basic"]`)
	b.waitText("h1", "HTTP Basic")
	var where string
	b.eval(`location.pathname`, &where)
	if where != "/authlab/basic" {
		t.Errorf("after the link, location is %s", where)
	}
	// The live demo reaches the worker on its own origin, allowed by CORS.
	b.click("#basic-try")
	b.waitText("#basic-try-2 .http-res", "HTTP 200")
	if first := b.text("#basic-try-1 .http-res"); !strings.Contains(first, "www-authenticate: Basic") {
		t.Errorf("cross-origin 401 without a readable challenge:\n%s", first)
	}
	// A fresh load of a page the file server redirects to a folder.
	b.openURL(s.url("/bearer-token"))
	b.waitText("h1", "Bearer tokens")
	b.openURL(s.url("/no-such-page"))
	b.waitText("#missing-path", "/authlab/no-such-page")
	b.screenshot("not-found", "")

	for _, u := range b.log.urls() {
		p, err := url.Parse(u)
		if err != nil || (p.Host != siteHost && p.Host != api.Host && p.Scheme != "data") {
			t.Errorf("request to a third party: %s", u)
		}
	}
	for _, p := range b.log.problemList() {
		if !strings.Contains(p, "Failed to load resource") {
			t.Errorf("console: %s", p)
		}
	}

	useOffline(b, s.url, resources, s.srv.Close)
}

func itoa(n int) string { return strconv.Itoa(n) }

// hs256 signs a payload with HMAC-SHA256 (RFC 7518 §3.2).
func hs256(payload, secret string) string {
	enc := base64.RawURLEncoding
	input := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString([]byte(payload))
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(input))
	return input + "." + enc.EncodeToString(mac.Sum(nil))
}
