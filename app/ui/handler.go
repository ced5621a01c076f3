package ui

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Config is what a build of the site is made for.
type Config struct {
	// Version names the build; a new one makes installed copies update.
	Version string
	// BasePath is the path the site is served under, such as "/authlab"
	// for a GitHub Pages project site, or "" for the root.
	BasePath string
	// APIURL is the demo server's URL, such as
	// "https://authlab.example.workers.dev". Empty means the pages' own
	// origin, as when the worker serves both.
	APIURL string
	// WasmSize is app.wasm's size in bytes, for the loading bar: servers
	// that compress it send no usable Content-Length.
	WasmSize int64
}

// Normalize checks c and puts BasePath and APIURL in canonical form: a
// base path starts with "/" and has no trailing slash, and an API URL is
// an absolute http(s) URL without query, fragment or trailing slash.
func (c Config) Normalize() (Config, error) {
	c.BasePath = "/" + strings.Trim(c.BasePath, "/")
	if c.BasePath == "/" {
		c.BasePath = ""
	}
	if strings.ContainsAny(c.BasePath, `?#\ "'<>`) {
		return c, fmt.Errorf("base path %q has characters a path cannot hold", c.BasePath)
	}
	if c.APIURL == "" {
		return c, nil
	}
	u, err := url.Parse(c.APIURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return c, fmt.Errorf("API URL %q must be an absolute http or https URL without query, fragment or user", c.APIURL)
	}
	c.APIURL = strings.TrimRight(u.String(), "/")
	return c, nil
}

// apiOrigin returns the origin of the API URL, or "" for the pages' own.
func (c Config) apiOrigin() string {
	u, err := url.Parse(c.APIURL)
	if c.APIURL == "" || err != nil {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// site is the configuration the pages render with: set by Handler when
// prerendering, and read from the environment go-app hands to app.wasm in
// the browser (see Register).
var site Config

// Environment names under which Handler passes the configuration to
// app.wasm.
const (
	envBasePath = "AUTHLAB_BASE_PATH"
	envAPIURL   = "AUTHLAB_API_URL"
)

// Handler returns the go-app handler that renders every page, in the browser
// and when the static site is generated, each with the strict CSP; Pages
// gives each page its own. cfg must be normalized.
func Handler(cfg Config) *app.Handler {
	site = cfg
	h := &app.Handler{
		Name:              "Authlab",
		ShortName:         "Authlab",
		Title:             "Authlab — JWT, Basic, API keys, Bearer and OAuth 2.0 workbench",
		Description:       "Decode, verify, sign and lint JWTs, and learn HTTP authentication, in your browser.",
		Icon:              app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		BackgroundColor:   "#0f172a",
		ThemeColor:        "#0f172a",
		LoadingLabel:      "Loading Authlab… {progress}%",
		Styles:            []string{"/web/app.css", "/web/jwt.css", "/web/oauth.css"},
		Scripts:           []string{"/web/loader.js"},
		Version:           cfg.Version,
		WasmContentLength: wasmSize(cfg.WasmSize),
		Env:               map[string]string{envBasePath: cfg.BasePath, envAPIURL: cfg.APIURL},
		// The pages are cached for offline use, with the worker that
		// compiles app.wasm, the JWT workbench's early checker and the
		// attack lab's cracker; the tools on them need no network.
		CacheableResources:    append(Paths()[1:], wasmCompiler, earlyChecker, earlyCheckerModule, crackWorker, crackModule),
		ServiceWorkerTemplate: serviceWorker(),
		RawHeaders: []string{
			cspMeta(CSP(cfg.apiOrigin())),
			`<meta name="referrer" content="no-referrer">`,
		},
	}
	if cfg.BasePath != "" {
		h.Resources = basePath(cfg.BasePath)
	}
	return h
}

// wasmCompiler is the dedicated worker in which go-app's app.js, as
// rewriteAppJS has it, downloads and compiles app.wasm.
const wasmCompiler = "/web/compile.js"

// The JWT workbench's early checker (wasm/quickcheck) and its Web Worker,
// which web/loader.js starts when the visitor types into the prerendered
// workbench before app.wasm has arrived.
const (
	earlyChecker       = "/web/quickcheck.js"
	earlyCheckerModule = "/web/quickcheck.wasm"
)

func wasmSize(n int64) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprint(n)
}

// basePath resolves every local path under a base path: pages, go-app's own
// files and /web/ resources alike. A path already under it is left alone,
// so links written with href resolve once.
type basePath string

func (p basePath) Resolve(loc string) string {
	switch {
	case strings.HasPrefix(loc, "https://"), strings.HasPrefix(loc, "http://"), !strings.HasPrefix(loc, "/"):
		return loc
	case loc == "/":
		return string(p) + "/"
	case loc == string(p), strings.HasPrefix(loc, string(p)+"/"):
		return loc
	}
	return string(p) + loc
}

// href returns the link to a page of the site, under the base path.
func href(path string) string {
	if path == "/" {
		return site.BasePath + "/"
	}
	return site.BasePath + path
}

// apiURL returns the URL of a demo server endpoint. Same-origin URLs are
// made absolute from the page's location, so that snippets can be copied.
func apiURL(path string) string {
	if site.APIURL != "" {
		return site.APIURL + path
	}
	if app.IsClient {
		return app.Window().Get("location").Get("origin").String() + path
	}
	return path
}

// crossOriginAPI reports whether the demo server is on another origin than
// the pages.
func crossOriginAPI() bool { return site.APIURL != "" }
