// Package ui is the Authlab front end: go-app pages and components that run
// in the browser as WebAssembly. It is the only package that imports go-app.
package ui

import (
	"slices"
	"sync"

	"github.com/authlab/authlab/app/ui/jwtbench"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// section is one entry of the navigation.
type section struct {
	Path, Label, Summary string
}

// sections lists the site's pages in navigation order.
var sections = []section{
	{"/jwt", "JWT", "Decode, verify, sign and lint JSON Web Tokens."},
	{"/basic", "Basic", "Encode and decode HTTP Basic credentials (RFC 7617), and try them on the demo server."},
	{"/apikey", "API keys", "Create an API key, send it, watch its quota count down, revoke it."},
	{"/bearer-token", "Bearer", "Send Bearer tokens (RFC 6750), and read the server's answer to every way they fail."},
	{"/oauth", "OAuth 2.0", "Walk through the authorization code flow with PKCE, step by step."},
	{"/session", "Sessions", "Cookie sessions: __Host- cookies, HttpOnly, Secure, SameSite."},
	{"/attacks", "Attacks", "Build the classic attacks on JWT verifiers and see which mistake each one needs."},
	{"/learn", "Learn", "Short lessons on every way to authenticate an API, each with its tool."},
}

// pages maps every page's path to its component.
func pages() map[string]func() app.Composer {
	m := map[string]func() app.Composer{
		"/":             func() app.Composer { return &homePage{} },
		"/jwt":          func() app.Composer { return jwtbench.New(func(c ...app.UI) app.UI { return shell("/jwt", c...) }) },
		"/basic":        func() app.Composer { return &basicPage{} },
		"/apikey":       func() app.Composer { return &apikeyPage{} },
		"/bearer-token": func() app.Composer { return &bearerPage{} },
		"/oauth":        func() app.Composer { return &oauthPage{} },
		"/session":      func() app.Composer { return &sessionPage{} },
		"/attacks":      func() app.Composer { return &attacksPage{} },
		"/learn":        func() app.Composer { return &learnIndex{} },
	}
	// The redirect URI of the pages' OAuth client: the same page, at step 4.
	m["/oauth/callback"] = m["/oauth"]
	for _, l := range lessons {
		slug := l.Slug
		m["/learn/"+slug] = func() app.Composer { return &learnPage{Slug: slug} }
	}
	return m
}

// Paths lists the path of every page, "/" first. Each is prerendered.
func Paths() []string {
	var out []string
	for p := range pages() {
		if p != "/" {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return append([]string{"/"}, out...)
}

// Register routes every page. It runs both in the browser and natively,
// where the routes are prerendered into the static site. Static hosts
// that serve "/basic" as "/basic/" reach the same page, and any other path
// gets the not-found page.
func Register() { registerOnce.Do(register) }

var registerOnce sync.Once

func register() {
	if app.IsClient {
		site.BasePath = app.Getenv(envBasePath)
		site.APIURL = app.Getenv(envAPIURL)
		crossPolicyLinks()
	}
	for p, newPage := range pages() {
		app.Route(p, newPage)
		if p != "/" {
			app.Route(p+"/", newPage)
		}
	}
	app.RouteWithRegexp("^/", func() app.Composer { return &notFoundPage{} })
}
