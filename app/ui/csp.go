package ui

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// widePages are the pages whose connect-src also allows any https origin:
// the JWT workbench, whose "Fetch JWKS" button discovers a token issuer's
// keys wherever the issuer is. Every other page may contact its own origin
// and the demo server only.
var widePages = map[string]bool{"/jwt": true}

// CSP is the strict Content Security Policy of every page but the wide
// ones: no third-party origin, and WebAssembly compilation allowed through
// 'wasm-unsafe-eval'. When the demo server has another origin,
// connect-src and form-action name it.
func CSP(apiOrigin string) string { return csp(apiOrigin, false) }

// PageCSP is the Content Security Policy of the page at path (without the
// base path): CSP's, with connect-src widened to https: on the JWT
// workbench.
func PageCSP(path, apiOrigin string) string { return csp(apiOrigin, widePages[path]) }

func csp(apiOrigin string, wide bool) string {
	self := "'self'"
	if apiOrigin != "" {
		self += " " + apiOrigin
	}
	connect := self
	if wide {
		connect += " https:"
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"style-src 'self'",
		"img-src 'self' data:",
		"connect-src " + connect,
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"base-uri 'self'",
		"form-action " + self,
	}, "; ")
}

func cspMeta(policy string) string {
	return `<meta http-equiv="Content-Security-Policy" content="` + policy + `">`
}

// pageOf is the page a URL path shows, without the base path, however a
// static host names it: "/authlab/jwt/", "/jwt.html" and
// "/jwt/index.html" are all "/jwt".
func pageOf(path, base string) string {
	path = strings.TrimPrefix(path, base)
	for _, suffix := range []string{"/index.html", ".html", "/"} {
		path = strings.TrimSuffix(path, suffix)
	}
	if path == "" {
		return "/"
	}
	return path
}

// Pages is Handler(cfg) with each page's own CSP in its meta element: the
// go-app handler writes the same head for every page, so a wide page's is
// rewritten here. go-app's app.js is rewritten too (rewriteAppJS): app.wasm
// starts after the first paint and compiles in a worker, and the service
// worker is registered after the mount. The static site is written
// through it, so the worker's assets and any static host serve the same
// files; a meta policy is the one both can carry.
func Pages(cfg Config) http.Handler {
	h := Handler(cfg)
	origin := cfg.apiOrigin()
	strict := []byte(cspMeta(CSP(origin)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := pageOf(r.URL.Path, cfg.BasePath)
		switch {
		case page == "/app.js":
			serveRewritten(w, r, h, rewriteAppJS)
		case widePages[page]:
			serveRewritten(w, r, h, func(body []byte) ([]byte, error) {
				return bytes.Replace(body, strict, []byte(cspMeta(PageCSP(page, origin))), 1), nil
			})
		default:
			h.ServeHTTP(w, r)
		}
	})
}

// serveRewritten serves h's response to r with its body rewritten; a
// rewrite that fails is a 500 that says why.
func serveRewritten(w http.ResponseWriter, r *http.Request, h http.Handler, rewrite func([]byte) ([]byte, error)) {
	b := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	h.ServeHTTP(b, r)
	body, err := rewrite(b.body.Bytes())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(b.status)
	w.Write(body)
}

// bufferedResponse holds a response so that its body can be rewritten.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

// crossPolicyLinks makes a click on a link from a wide page to a strict
// one, or back, a full navigation. go-app otherwise shows the next page
// in the same document, whose CSP, set by the meta element it was loaded
// with, cannot change: a strict page would keep the JWT workbench's wide
// connect-src, and the workbench would keep a strict page's. The
// listener runs first, in the capture phase, and stops the click before
// go-app's handler sees it, so the browser follows the link itself. Back
// and forward stay within one document's pages, which share its policy.
func crossPolicyLinks() {
	app.Window().Call("addEventListener", "click", app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		a := e.Get("target")
		if !a.Truthy() || a.Get("closest").IsUndefined() {
			return nil
		}
		if a = a.Call("closest", "a[href]"); !a.Truthy() {
			return nil
		}
		loc := app.Window().Get("location")
		if a.Get("origin").String() != loc.Get("origin").String() {
			return nil
		}
		here := pageOf(loc.Get("pathname").String(), site.BasePath)
		there := pageOf(a.Get("pathname").String(), site.BasePath)
		if widePages[here] != widePages[there] {
			e.Call("stopPropagation")
		}
		return nil
	}), true)
}
