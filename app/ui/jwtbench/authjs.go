package jwtbench

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jwe"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// authjsState is the Auth.js / NextAuth session cookie form: the cookie's
// value, the app's secret, the library's version and the cookie's name
// give the session (see jwe.DecryptAuthJS).
type authjsState struct {
	cookie, secret, name string
	version              jwe.AuthJSVersion
	res                  *jwe.Result
	err                  error
}

// open decrypts the cookie, when both it and the secret are given.
func (s *authjsState) open() {
	s.res, s.err = nil, nil
	if s.version == 0 {
		s.version = jwe.AuthJSV5
	}
	if s.cookie == "" || s.secret == "" {
		return
	}
	s.res, s.err = jwe.DecryptAuthJS(s.cookie, s.secret, s.version, s.cookieName())
}

// cookieName is the name given, or the version's usual one.
func (s *authjsState) cookieName() string {
	if s.name != "" {
		return s.name
	}
	return jwe.AuthJSCookieNames(s.version)[0]
}

func (p *page) authjsField(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = input.Value(ctx)
		p.jwe.authjs.open()
	}
}

func (p *page) onAuthJSVersion(ctx app.Context, e app.Event) {
	n, _ := strconv.Atoi(input.Value(ctx))
	p.jwe.authjs.version = jwe.AuthJSVersion(n)
	p.jwe.authjs.open()
}

func (p *page) renderAuthJS() app.UI {
	return &widget.Fold{ID: "authjs", Class: "jwe", Summary: "Open an Auth.js or NextAuth session cookie", Content: p.authjsForm}
}

func (p *page) authjsForm() []app.UI {
	s := &p.jwe.authjs
	if s.version == 0 {
		s.version = jwe.AuthJSV5
	}
	versions := []struct {
		v     jwe.AuthJSVersion
		label string
	}{{jwe.AuthJSV5, "Auth.js (v5, @auth/core)"}, {jwe.NextAuthV4, "NextAuth v4"}}
	names := jwe.AuthJSCookieNames(s.version)
	return []app.UI{
		app.P().Class("hint").Text("Their session cookies are JWEs whose key is derived from the app's secret with HKDF (RFC 5869): NextAuth v4 uses A256GCM and no salt, Auth.js v5 A256CBC-HS512 salted with the cookie's name. The secret stays in this page."),
		app.Label().For("authjs-cookie").Text("Cookie value"),
		app.Textarea().ID("authjs-cookie").Class("token-input short").Spellcheck(false).Text(s.cookie).OnInput(p.authjsField(&s.cookie)),
		app.Label().For("authjs-secret").Text("Secret (AUTH_SECRET or NEXTAUTH_SECRET)"),
		app.Input().ID("authjs-secret").Type("text").AutoComplete(false).Spellcheck(false).Value(s.secret).OnInput(p.authjsField(&s.secret)),
		app.Label().For("authjs-version").Text("Version"),
		app.Select().ID("authjs-version").OnChange(p.onAuthJSVersion).Body(
			app.Range(versions).Slice(func(i int) app.UI {
				v := versions[i]
				return input.SelectedIf(app.Option().Value(strconv.Itoa(int(v.v))), v.v == s.version).Text(v.label)
			}),
		),
		app.Label().For("authjs-name").Text("Cookie name"),
		app.Input().ID("authjs-name").Type("text").Spellcheck(false).Placeholder(names[0] + " or " + names[1]).
			Value(s.name).OnInput(p.authjsField(&s.name)),
		jweOutcome("authjs", s.res, s.err, false),
	}
}
