// Package ui is the Authlab front end: go-app pages and components that run
// in the browser as WebAssembly. It is the only package that imports go-app.
package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// section is one entry of the navigation.
type section struct {
	Path, Label, Summary string
}

// sections lists the site's pages in navigation order.
var sections = []section{
	{"/jwt", "JWT", "Decode, verify, sign and lint JSON Web Tokens."},
	{"/basic", "Basic", "Encode and decode HTTP Basic credentials (RFC 7617)."},
	{"/apikey", "API keys & Bearer", "Send API keys and Bearer tokens (RFC 6750) the right way."},
	{"/oauth", "OAuth 2.0", "Walk through the authorization code flow with PKCE, step by step."},
	{"/session", "Sessions", "Cookie sessions: __Host- cookies, HttpOnly, Secure, SameSite."},
	{"/learn", "Learn", "Short lessons on every way to authenticate an API."},
}

// Register routes every page. It runs both in the browser and natively,
// where the routes are prerendered into the static site.
func Register() {
	app.Route("/", func() app.Composer { return &homePage{} })
	app.Route("/jwt", func() app.Composer { return &jwtPage{} })
	for _, s := range sections[1:] {
		s := s
		app.Route(s.Path, func() app.Composer { return &topicPage{section: s} })
	}
}
