package ui

import (
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/ui/countdown"
)

// The walkthrough's client: the pages' own public client (RFC 6749 §2.1),
// and the scopes it asks for.
const (
	oauthWebClient  = "authlab-web"
	oauthDemoClient = "authlab-demo"
	// oauthDemoSecret is the demo client's published secret: a demo server
	// may configure another one.
	oauthDemoSecret = "authlab-demo-secret"
	oauthScope      = "openid profile api"
)

// oauthWalk is the authorization code + PKCE walkthrough, one panel per
// step. It holds every value in this page's memory; only the verifier and
// state cross the redirect, in sessionStorage (see oauthPending).
type oauthWalk struct {
	app.Compo

	callbackPage bool
	busy         string // the action whose requests are in flight
	leaving      bool
	demoSecret   string
	codeTTL      string          // the code lifetime the reader asks for, in seconds; "" for the server's
	clock        countdown.Clock // the countdown's clock; the zero value is the system's
	countdowns   int             // countdowns started, to tell the current one
	ctx          app.Context     // the walkthrough's own, from OnMount

	walkFlow
}

// walkFlow is what one flow has made and learnt, step by step; starting a
// new flow forgets it.
type walkFlow struct {
	// Steps 1 to 3.
	pkce        *oauth.PKCETrace
	state       string
	meta        oauthMeta
	auth        *oauth.AuthRequest
	authURL     string
	redirectURI string

	// Step 4, on the callback page.
	callbackURL string
	callback    *oauth.Callback
	parseErr    error
	checkErr    error
	noPending   bool
	code        walkCode
	renewing    bool // a new authorization request, made on the callback page

	// Steps 5 to 8.
	tokens  *oauth.TokenResponse
	firstRT string
	oldRT   string

	// sent holds each action's exchanges, by the action's id.
	sent map[string][]*exchange
}

// walkAction is one button of the walkthrough that sends requests: its id,
// which also names it while in flight, and the ids under which its
// exchanges are shown, in the order its requests are sent.
type walkAction struct {
	id    string
	shown []string
}

// walkActions lists the walkthrough's requests, step by step.
var walkActions = []walkAction{
	{"build", []string{"x-metadata"}},                                                            // step 2
	{"exchange", []string{"x-token"}},                                                            // step 5
	{"call", []string{"x-userinfo", "x-api"}},                                                    // step 6
	{"refresh", []string{"x-refresh"}},                                                           // step 7
	{"introspect", []string{"x-intro-public", "x-intro", "x-intro-refresh"}},                     // step 8
	{"revoke", []string{"x-revoke-rt", "x-revoke-at"}},                                           // step 8
	{"recheck", []string{"x-after-intro", "x-after-userinfo", "x-after-refresh", "x-after-api"}}, // step 8

}

// x returns the i-th exchange of an action, or nil before it is sent.
func (w *oauthWalk) x(action string, i int) *exchange {
	if xs := w.sent[action]; i < len(xs) {
		return xs[i]
	}
	return nil
}

// shown shows an action's exchanges, each under its id.
func (w *oauthWalk) shown(action string) app.UI {
	var ids []string
	for _, a := range walkActions {
		if a.id == action {
			ids = a.shown
		}
	}
	return app.Range(ids).Slice(func(i int) app.UI { return oauthHTTP(ids[i], w.x(action, i)) })
}

// record keeps an action's exchanges.
func (w *oauthWalk) record(action string, xs ...*exchange) {
	if w.sent == nil {
		w.sent = map[string][]*exchange{}
	}
	w.sent[action] = xs
}

func (w *oauthWalk) OnNav(ctx app.Context) {
	path := strings.TrimSuffix(ctx.Page().URL().Path, "/")
	wasCallback := w.callbackPage
	w.callbackPage = strings.HasSuffix(path, "/oauth/callback")
	if wasCallback && !w.callbackPage {
		w.reset() // "Start a new flow" from the callback page
	}
	if w.callbackPage && app.IsClient && w.callbackURL == "" {
		w.receive(ctx)
	}
	if !wasCallback && !w.callbackPage {
		ctx.PreventUpdate() // nothing changed: not the callback, then or now
	}
}

// receive is step 4: read the authorization response from the address bar,
// take the pending request from sessionStorage and check the response
// against it. The code is then removed from the address bar and history.
func (w *oauthWalk) receive(ctx app.Context) {
	w.callbackURL = app.Window().Get("location").Get("href").String()
	w.callback, w.parseErr = oauth.ParseCallback(w.callbackURL)
	p := oauthTakePending()
	if p == nil {
		w.noPending = true
	} else {
		if raw, err := base64.RawURLEncoding.DecodeString(p.Verifier); err == nil {
			w.pkce = oauth.TracePKCE(raw)
		}
		w.state, w.meta, w.authURL, w.redirectURI = p.State, p.Meta, p.AuthURL, p.RedirectURI
		w.codeTTL = ""
		if p.CodeTTL > 0 {
			w.codeTTL = strconv.Itoa(p.CodeTTL)
		}
	}
	if w.callback != nil && p != nil {
		w.checkErr = w.callback.Check(p.State, p.Meta.Issuer)
		if w.checkErr == nil && w.callback.Code != "" && w.pkce != nil {
			w.startCountdown(ctx, navigationStart())
		}
	}
	app.Window().Get("history").Call("replaceState", nil, "", href("/oauth/callback"))
}

// generate is step 1.
func (w *oauthWalk) generate(ctx app.Context, e app.Event) {
	pk, st, err := newRequestSecrets()
	if err != nil {
		return
	}
	w.reset()
	w.pkce, w.state = pk, st
}

// newRequestSecrets makes what each authorization request needs afresh: a
// PKCE verifier and its challenge (RFC 7636 §4.1, §4.2) and a state
// (RFC 6749 §10.12).
func newRequestSecrets() (*oauth.PKCETrace, string, error) {
	pk, err := oauth.NewPKCE(rand.Reader)
	if err != nil {
		return nil, "", err
	}
	st, err := oauth.NewState(rand.Reader)
	return pk, st, err
}

// reset forgets every step's values.
func (w *oauthWalk) reset() {
	w.stopCountdown()
	w.walkFlow = walkFlow{}
}

// build is step 2: discover the endpoints (RFC 8414 §3), then build the
// authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3).
func (w *oauthWalk) build(ctx app.Context, e app.Event) {
	w.busy = "build"
	ctx.Async(func() {
		x := oauthDo(&httpmsg.Request{Method: "GET", URL: apiURL("/.well-known/oauth-authorization-server"),
			Header: []httpmsg.Field{{Name: "Accept", Value: "application/json"}}}, "follow")
		ctx.Dispatch(func(ctx app.Context) {
			w.busy = ""
			w.record("build", x)
			if x.Err != nil || x.Status != 200 || x.json(&w.meta) != nil || w.meta.Authorization == "" {
				return
			}
			w.redirectURI = oauthPageOrigin() + href("/oauth/callback")
			w.buildAuth()
		})
	})
}

// redirect is step 3: keep the verifier and state for the callback page in
// this tab's sessionStorage, then navigate to the consent page.
func (w *oauthWalk) redirect(ctx app.Context, e app.Event) {
	err := oauthSavePending(w.pending())
	if err != nil {
		return
	}
	w.leaving = true
	app.Window().Get("location").Call("assign", w.authURL)
}

// pending is what the callback page will need.
func (w *oauthWalk) pending() *oauthPending {
	return &oauthPending{Verifier: w.pkce.Verifier, State: w.state, RedirectURI: w.redirectURI,
		AuthURL: w.authURL, Scope: oauthScope, CodeTTL: w.askedTTL(), Meta: w.meta, Created: time.Now().Unix()}
}

// send runs an action's requests, keeps their exchanges, and hands them to
// done on the UI goroutine.
func (w *oauthWalk) send(ctx app.Context, step string, reqs []*httpmsg.Request, done func(xs []*exchange)) {
	w.busy = step
	ctx.Async(func() {
		xs := make([]*exchange, len(reqs))
		for i, r := range reqs {
			xs[i] = oauthDo(r, "manual")
		}
		ctx.Dispatch(func(ctx app.Context) {
			w.busy = ""
			w.record(step, xs...)
			done(xs)
		})
	})
}

// exchange is step 5: the public client redeems the code with its
// verifier and no secret (RFC 6749 §4.1.3, RFC 7636 §4.5).
func (w *oauthWalk) exchange(ctx app.Context, e app.Event) {
	r, err := oauth.Client{ID: oauthWebClient}.ExchangeCode(w.meta.Token, w.callback.Code, w.redirectURI, w.pkce.Verifier)
	if err != nil {
		return
	}
	w.send(ctx, "exchange", []*httpmsg.Request{r}, func(xs []*exchange) {
		if t, err := oauth.ParseTokenResponse(xs[0].Status, []byte(xs[0].Body)); err == nil {
			w.tokens, w.firstRT = t, t.RefreshToken
		}
		if xs[0].Err == nil {
			w.stopCountdown() // answered: the code is spent, whatever the answer
		}
	})
}

// call is step 6: the access token at userinfo (OpenID Connect Core §5.3)
// and at an API (RFC 6750 §2.1).
func (w *oauthWalk) call(ctx app.Context, e app.Event) {
	at := w.tokens.AccessToken
	w.send(ctx, "call", []*httpmsg.Request{
		oauth.BearerRequest("GET", w.meta.Userinfo, at),
		oauth.BearerRequest("GET", apiURL("/api/protected"), at),
	}, func([]*exchange) {})
}

// refresh is step 7 (RFC 6749 §6): the old refresh token is spent and a
// new one comes back (rotation, RFC 9700 §4.14.2).
func (w *oauthWalk) refresh(ctx app.Context, e app.Event) {
	old := w.tokens.RefreshToken
	r, err := oauth.Client{ID: oauthWebClient}.Refresh(w.meta.Token, old, "")
	if err != nil {
		return
	}
	w.send(ctx, "refresh", []*httpmsg.Request{r}, func(xs []*exchange) {
		if t, err := oauth.ParseTokenResponse(xs[0].Status, []byte(xs[0].Body)); err == nil {
			w.tokens, w.oldRT = t, old
		}
	})
}

func (w *oauthWalk) demo() oauth.Client {
	secret := w.demoSecret
	if secret == "" {
		secret = oauthDemoSecret
	}
	return oauth.Client{ID: oauthDemoClient, Secret: secret, Method: oauth.AuthBasic}
}

// introspect is step 8a (RFC 7662 §2): as the public client, refused; as
// the confidential demo client, answered.
func (w *oauthWalk) introspect(ctx app.Context, e app.Event) {
	at, rt := w.tokens.AccessToken, w.tokens.RefreshToken
	pub, _ := oauth.Client{ID: oauthWebClient}.Introspect(w.meta.Introspection, at, "access_token")
	demoAT, _ := w.demo().Introspect(w.meta.Introspection, at, "access_token")
	demoRT, _ := w.demo().Introspect(w.meta.Introspection, rt, "refresh_token")
	w.send(ctx, "introspect", []*httpmsg.Request{pub, demoAT, demoRT}, func([]*exchange) {})
}

// revoke is step 8b (RFC 7009 §2.1): the public client revokes its refresh
// token, then its access token.
func (w *oauthWalk) revoke(ctx app.Context, e app.Event) {
	web := oauth.Client{ID: oauthWebClient}
	rt, _ := web.Revoke(w.meta.Revocation, w.tokens.RefreshToken, "refresh_token")
	at, _ := web.Revoke(w.meta.Revocation, w.tokens.AccessToken, "access_token")
	w.send(ctx, "revoke", []*httpmsg.Request{rt, at}, func([]*exchange) {})
}

// recheck is step 8c: the revoked tokens are refused everywhere that
// consults the server, while an API that only verifies the JWT's
// signature accepts the access token until it expires.
func (w *oauthWalk) recheck(ctx app.Context, e app.Event) {
	intro, _ := w.demo().Introspect(w.meta.Introspection, w.tokens.AccessToken, "access_token")
	ref, _ := oauth.Client{ID: oauthWebClient}.Refresh(w.meta.Token, w.tokens.RefreshToken, "")
	at := w.tokens.AccessToken
	w.send(ctx, "recheck", []*httpmsg.Request{intro, oauth.BearerRequest("GET", w.meta.Userinfo, at), ref,
		oauth.BearerRequest("GET", apiURL("/api/protected"), at)}, func([]*exchange) {})
}

func (w *oauthWalk) onDemoSecret(ctx app.Context, e app.Event) {
	w.demoSecret = inputValue(ctx)
}

// expiresIn describes when the current access token expires.
func (w *oauthWalk) expiresIn() string {
	if w.tokens == nil || w.tokens.ExpiresIn == 0 {
		return ""
	}
	return (time.Duration(w.tokens.ExpiresIn) * time.Second).String()
}
