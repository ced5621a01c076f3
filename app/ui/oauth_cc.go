package ui

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/ui/input"
)

// oauthCC is the client credentials panel (RFC 6749 §4.4): a confidential
// client gets a token for itself, uses it, and renews it before it
// expires.
type oauthCC struct {
	app.Compo

	id, secret string
	post       bool // client_secret_post instead of Basic

	tokenX, apiX *exchange
	token        *oauth.TokenResponse
	got          time.Time
	fetched      int // tokens obtained so far
	auto         bool
	skew         time.Duration // the "jump ahead" offset of the page's clock
	busy         string
	now          time.Time
}

// OnInit fills in the demo client, also when prerendering.
func (c *oauthCC) OnInit() { c.id, c.secret = oauthDemoClient, oauthDemoSecret }

func (c *oauthCC) OnMount(ctx app.Context) {
	c.now = time.Now()
	// The countdown ticks once a second while the panel is shown.
	ctx.Async(func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				ctx.Dispatch(func(ctx app.Context) { c.tick(ctx) })
			}
		}
	})
	// Nothing shown follows the clock before there is a token.
	ctx.PreventUpdate()
}

func (c *oauthCC) clock() time.Time { return time.Now().Add(c.skew) }

// tick updates the countdown, and renews the token when auto-renewal is
// on and the renewal time has come.
func (c *oauthCC) tick(ctx app.Context) {
	c.now = c.clock()
	if c.token == nil {
		// Only the token's countdown follows the clock: without one, the
		// tick leaves the page unrendered, where go-app would otherwise
		// render and compare all of it every second.
		ctx.PreventUpdate()
		return
	}
	if c.auto && c.busy == "" && !c.now.Before(c.token.RenewAt(c.got)) {
		c.request(ctx)
	}
}

func (c *oauthCC) client() oauth.Client {
	m := oauth.AuthBasic
	if c.post {
		m = oauth.AuthPost
	}
	return oauth.Client{ID: c.id, Secret: c.secret, Method: m}
}

// request is POST grant_type=client_credentials (RFC 6749 §4.4.2).
func (c *oauthCC) request(ctx app.Context) {
	r, err := c.client().ClientCredentials(apiURL("/oauth/token"), "api")
	if err != nil {
		return
	}
	c.busy = "token"
	ctx.Async(func() {
		x := oauthDo(r, "manual")
		ctx.Dispatch(func(ctx app.Context) {
			c.busy, c.tokenX = "", x
			if t, err := oauth.ParseTokenResponse(x.Status, []byte(x.Body)); err == nil {
				c.token, c.got, c.apiX = t, c.clock(), nil
				c.fetched++
			} else {
				// The answer is a refusal: the token of an earlier answer
				// belongs to other credentials, and its countdown goes.
				c.token, c.apiX = nil, nil
				c.auto = false // do not retry a failing request every second
			}
		})
	})
}

func (c *oauthCC) onToken(ctx app.Context, e app.Event) { c.request(ctx) }

func (c *oauthCC) onCall(ctx app.Context, e app.Event) {
	r := oauth.BearerRequest("GET", apiURL("/api/protected"), c.token.AccessToken)
	c.busy = "call"
	ctx.Async(func() {
		x := oauthDo(r, "manual")
		ctx.Dispatch(func(ctx app.Context) { c.busy, c.apiX = "", x })
	})
}

func (c *oauthCC) onAuto(ctx app.Context, e app.Event) {
	c.auto = ctx.JSSrc().Get("checked").Bool()
}

// onJump moves the page's clock to the renewal time, so that the renewal
// can be watched without waiting: only this page's clock moves.
func (c *oauthCC) onJump(ctx app.Context, e app.Event) {
	if c.token == nil {
		return
	}
	c.skew += c.token.RenewAt(c.got).Sub(c.clock())
	c.tick(ctx)
}

func (c *oauthCC) onID(ctx app.Context, e app.Event) { c.id = inputValue(ctx) }
func (c *oauthCC) onSecret(ctx app.Context, e app.Event) {
	c.secret = inputValue(ctx)
}
func (c *oauthCC) onPost(ctx app.Context, e app.Event) { c.post = ctx.JSSrc().Get("checked").Bool() }

func (c *oauthCC) Render() app.UI {
	tr := oauth.TraceBasic(c.id, c.secret)
	req, err := c.client().ClientCredentials(apiURL("/oauth/token"), "api")
	return app.Section().ID("client-credentials").Class("pane oauth-cc").Body(
		app.H2().Text("Client credentials: a server talking to a server"),
		app.P().Text("No user, no browser redirect: a confidential client authenticates with its own id and secret and gets a token for itself (RFC 6749 §4.4). It never gets a refresh token (§4.4.3); to renew, it simply asks again, before the token expires."),
		app.Label().For("cc-id").Text("client_id"),
		app.Input().ID("cc-id").Value(c.id).Spellcheck(false).OnInput(c.onID),
		app.Label().For("cc-secret").Text("client_secret"),
		app.Input().ID("cc-secret").Value(c.secret).Spellcheck(false).OnInput(c.onSecret),
		app.Label().Class("inline").Body(
			input.CheckedIf(app.Input().Type("checkbox").ID("cc-post"), c.post).OnChange(c.onPost),
			app.Text(" send them in the body (client_secret_post) instead of a Basic header"),
		),
		app.If(!c.post, func() app.UI {
			return app.Ol().ID("cc-basic").Class("derivation").Body(
				app.Li().Body(oauthValue("cc-enc-id", "form-urlencode the client_id (RFC 6749 §2.3.1)", tr.EncodedID)),
				app.Li().Body(oauthValue("cc-enc-secret", "form-urlencode the client_secret", tr.EncodedSecret)),
				app.Li().Body(oauthValue("cc-joined", "join them with a colon", tr.Joined)),
				app.Li().Body(oauthValue("cc-base64", "base64 of the UTF-8 bytes (RFC 7617 §2)", tr.Base64)),
				app.Li().Body(oauthValue("cc-header", "the header", "Authorization: "+tr.Header)),
			)
		}),
		app.If(!c.post, func() app.UI { return oauthNote(oauthCCNote(tr.Changed)) }),
		app.If(err != nil, func() app.UI { return app.P().Class("problems").Text(err.Error()) }),
		app.If(err == nil, func() app.UI { return app.Pre().ID("cc-request").Class("json").Text(req.Dump()) }),
		oauthButton("cc-token", "POST /oauth/token", err == nil, c.busy == "token", c.onToken),
		oauthHTTP("x-cc-token", c.tokenX),
		app.If(c.token != nil, func() app.UI { return c.expiry() }),
	)
}

func oauthCCNote(changed bool) string {
	if changed {
		return "Encoding changed these credentials: without step 1, a colon in the id or a '%' or '+' in the secret would be read wrongly. Many servers, and clients, skip it."
	}
	return "Here encoding changes nothing. Try a secret with a ':', '%', '+' or a space to see why RFC 6749 asks for it."
}

// expiry shows the token's countdown and its renewal.
func (c *oauthCC) expiry() app.UI {
	exp, renew := c.token.Expiry(c.got), c.token.RenewAt(c.got)
	left := exp.Sub(c.now).Round(time.Second)
	untilRenew := renew.Sub(c.now).Round(time.Second)
	status := "valid for another " + left.String()
	if left <= 0 {
		status = "expired"
	}
	return app.Div().ID("cc-expiry").Class("pane").Body(
		oauthValue("cc-countdown", "The access token is", status),
		oauthValue("cc-renew-at", "A careful client renews it", oauthRenewText(untilRenew, exp.Sub(renew))),
		oauthValue("cc-fetched", "Tokens fetched", strconv.Itoa(c.fetched)),
		app.Label().Class("inline").Body(
			input.CheckedIf(app.Input().Type("checkbox").ID("cc-auto"), c.auto).OnChange(c.onAuto),
			app.Text(" renew automatically (x/oauth2's TokenSource does the same, 10 s before expiry)"),
		),
		app.Button().ID("cc-jump").Class("secondary").Text("Jump to the renewal time (moves this page's clock only)").OnClick(c.onJump),
		oauthButton("cc-call", "GET /api/protected", true, c.busy == "call", c.onCall),
		oauthHTTP("x-cc-api", c.apiX),
	)
}

func oauthRenewText(until, margin time.Duration) string {
	if until <= 0 {
		return "now (" + margin.String() + " before expiry)"
	}
	return "in " + until.String() + ", " + margin.String() + " before expiry, to allow for clock skew and the request's own time"
}
