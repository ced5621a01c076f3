package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// CSP is the page's Content Security Policy: no third-party origin, and
// WebAssembly compilation allowed through 'wasm-unsafe-eval'. connect-src
// adds the demo server's origin when it is not this one.
func CSP(apiOrigin string) string {
	connect := "'self'"
	if apiOrigin != "" {
		connect += " " + apiOrigin
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
		"form-action 'self'",
	}, "; ")
}

// Handler returns the go-app handler that renders every page, in the browser
// and when the static site is generated.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:            "Authlab",
		ShortName:       "Authlab",
		Title:           "Authlab — JWT, Basic, API keys, Bearer and OAuth 2.0 workbench",
		Description:     "Decode, verify, sign and lint JWTs, and learn HTTP authentication, in your browser.",
		Icon:            app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		BackgroundColor: "#0f172a",
		ThemeColor:      "#0f172a",
		LoadingLabel:    "Loading Authlab… {progress}%",
		Styles:          []string{"/web/app.css"},
		Version:         version,
		RawHeaders: []string{
			`<meta http-equiv="Content-Security-Policy" content="` + CSP("") + `">`,
		},
	}
}
