package ui

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// sessionCookie is the demo server's session cookie. The __Host- prefix
// makes browsers refuse it unless it is Secure, has Path=/ and no Domain
// (RFC 6265bis §4.1.3.2).
const sessionCookie = "__Host-authlab_session"

// sessionTool logs in with a cookie session, asks who is logged in, shows
// a cross-site request refused, and logs out.
type sessionTool struct {
	app.Compo
	user, pass string
	login      *httpmsg.Request // the login the cookie came from, for snippets
	steps      []*sessionStep   // newest first
	docCookie  string
	expires    int64
	cross      crossSite
	busy       bool
}

// sessionStep is one request of the flow.
type sessionStep struct {
	Title string
	X     *exchange
	Hint  string
}

func (t *sessionTool) OnInit() {
	t.user, t.pass = account.Username, account.Password
	if t.user == "" {
		t.user, t.pass = newDemoAccount()
	}
	t.docCookie = "(not read yet)"
}

func (t *sessionTool) add(title string, x *exchange, hint string) {
	t.steps = append([]*sessionStep{{title, x, hint}}, t.steps...)
	if len(t.steps) > 6 {
		t.steps = t.steps[:6]
	}
}

// readDocCookie reads document.cookie: the session cookie is HttpOnly, so
// it never shows there.
func (t *sessionTool) readDocCookie() {
	t.docCookie = app.Window().Get("document").Get("cookie").String()
	if t.docCookie == "" {
		t.docCookie = `"" (empty)`
	}
}

func (t *sessionTool) onLogin(ctx app.Context, e app.Event) {
	e.PreventDefault()
	body := credentialsBody(t.user, t.pass)
	t.busy = true
	send(ctx, jsonPost("/api/register", body), false, func(ctx app.Context, reg *exchange) {
		if reg.Status != 201 && reg.Status != 409 {
			t.busy = false
			t.add("POST /api/register", reg, "The account could not be created.")
			return
		}
		req := jsonPost("/session/login", body)
		send(ctx, req, true, func(ctx app.Context, x *exchange) {
			t.busy = false
			hint := ""
			var out struct {
				ExpiresAt int64 `json:"expires_at"`
			}
			if x.Status == 200 && json.Unmarshal([]byte(x.Body), &out) == nil {
				t.login, t.expires = &req, out.ExpiresAt
				hint = "The answer set the session cookie; the page cannot see Set-Cookie (the Fetch standard hides it), nor the cookie itself."
			}
			t.add("POST /session/login", x, hint)
			t.readDocCookie()
		})
	})
}

func (t *sessionTool) withSession(method, path string) httpmsg.Request {
	req := httpmsg.Request{Method: method, URL: apiURL(path), Login: t.login, Cookie: sessionCookie}
	if t.login == nil {
		req.Login = nil
	}
	return req
}

func (t *sessionTool) onMe(ctx app.Context, e app.Event) {
	send(ctx, t.withSession("GET", "/session/me"), true, func(ctx app.Context, x *exchange) {
		hint := ""
		switch {
		case x.Status == 200:
			hint = "The browser sent the cookie by itself: no code of this page touched it."
		case x.Status == 401 && t.login != nil:
			hint = "No session: you logged out, or the browser did not keep the cookie. Browsers keep a Secure cookie only from https, or from http on localhost and 127.0.0.1, which they treat as secure."
		}
		t.add("GET /session/me", x, hint)
		t.readDocCookie()
	})
}

func (t *sessionTool) onLogout(ctx app.Context, e app.Event) {
	send(ctx, t.withSession("POST", "/session/logout"), true, func(ctx app.Context, x *exchange) {
		hint := ""
		if x.Status == 204 {
			hint = "The server deleted the session and answered with an expired Set-Cookie, which makes the browser drop the cookie. Ask who you are again: 401."
		}
		t.add("POST /session/logout", x, hint)
		t.readDocCookie()
	})
}

func (t *sessionTool) Render() app.UI {
	return app.Div().Class("tool session-tool").Body(
		app.If(crossOriginAPI(), func() app.UI {
			return app.P().ID("session-cross-origin-note").Class("warn").Text(
				"This copy of the pages talks to a demo server on another site. Browsers keep a SameSite=Lax cookie out of requests between sites, and more and more refuse such third-party cookies altogether, so the session cannot hold here. Open the pages on the demo server itself to try sessions: a cookie session needs the pages and the API on one site.")
		}),
		app.Section().Class("pane").Aria("labelledby", "session-login-title").Body(
			app.H2().ID("session-login-title").Text("1. Log in with a cookie session"),
			app.Form().Class("fields").OnSubmit(t.onLogin).Body(
				app.Div().Body(
					app.Label().For("session-user").Text("Username"),
					app.Input().ID("session-user").Type("text").AutoComplete(false).Spellcheck(false).Value(t.user).
						OnInput(func(ctx app.Context, e app.Event) { t.user = inputValue(ctx) }),
				),
				app.Div().Body(
					app.Label().For("session-pass").Text("Password"),
					app.Input().ID("session-pass").Type("text").AutoComplete(false).Spellcheck(false).Value(t.pass).
						OnInput(func(ctx app.Context, e app.Event) { t.pass = inputValue(ctx) }),
				),
				input.DisabledIf(app.Button().ID("session-login").Type("submit"), t.busy).Text("Sign up or log in"),
			),
		),
		t.renderCookie(),
		app.Section().Class("pane").Aria("labelledby", "session-use-title").Body(
			app.H2().ID("session-use-title").Text("3. Use it, then end it"),
			app.Div().Class("buttons").Body(
				app.Button().ID("session-me").Type("button").Text("Who am I? (GET /session/me)").OnClick(t.onMe),
				app.Button().ID("session-logout").Type("button").Class("secondary").Text("Log out (POST /session/logout)").OnClick(t.onLogout),
			),
			app.P().Class("hint").Body(app.Text("document.cookie on this page: "), app.Code().ID("session-doc-cookie").Text(t.docCookie)),
			app.Range(t.steps).Slice(func(i int) app.UI {
				s := t.steps[i]
				return app.Div().Class("step").Body(
					&exchangeView{ID: fmt.Sprintf("session-step-%d", i), Title: fmt.Sprintf("%s → %d", s.Title, s.X.Status), X: s.X},
					app.If(s.Hint != "", func() app.UI { return app.P().Class("hint").Text(s.Hint) }),
				)
			}),
		),
		t.cross.render(),
	)
}

// renderCookie explains the Set-Cookie the demo server sends.
func (t *sessionTool) renderCookie() app.UI {
	maxAge := "28800"
	if t.expires > 0 {
		maxAge = fmt.Sprint(max(t.expires-time.Now().Unix(), 0))
	}
	setCookie := "Set-Cookie: " + sessionCookie + "=<256 random bits>; Path=/; Max-Age=" + maxAge + "; HttpOnly; Secure; SameSite=Lax"
	rows := [][2]string{
		{"__Host- prefix", "The browser accepts the cookie only if it is Secure, has Path=/ and no Domain: no subdomain and no plain-http page can plant or overwrite it (RFC 6265bis §4.1.3.2)."},
		{"HttpOnly", "Page scripts cannot read it: document.cookie stays empty, so a script injected into the page (XSS) cannot steal the session."},
		{"Secure", "Sent over https only (and to localhost, which browsers treat as secure): never in clear on the network."},
		{"SameSite=Lax", "Not sent on requests from other sites, except top-level GET navigations: a form on another site cannot post with it (CSRF)."},
		{"Path=/", "Sent with every path of this host; __Host- requires it."},
		{"Max-Age", "Gone after 8 hours even if nobody logs out; the server also forgets the session then."},
		{"The value", "An opaque random id: the server stores only its SHA-256 hash, so a leaked database holds no live session."},
	}
	return app.Section().Class("pane").Aria("labelledby", "session-cookie-title").Body(
		app.H2().ID("session-cookie-title").Text("2. The cookie"),
		app.P().Class("hint").Text("The page cannot read the Set-Cookie header: the Fetch standard hides it from scripts. This is what the demo server sends:"),
		app.Pre().ID("session-set-cookie").Class("http-res").Text(setCookie),
		app.Div().Class("table-wrap").Body(app.Table().ID("session-attributes").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Attribute"), app.Th().Text("What it buys"))),
			app.TBody().Body(app.Range(rows).Slice(func(i int) app.UI {
				return app.Tr().Body(app.Td().Body(app.Code().Text(rows[i][0])), app.Td().Text(rows[i][1]))
			})),
		)),
	)
}
