package ui

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/ui/countdown"
)

// The authorization code's lifetime in the walkthrough: the reader may ask
// the demo server for a shorter one, the callback page counts it down, and
// an expired or refused code is replaced by a new authorization request
// without leaving the walk (RFC 6749 §4.1.2).

// walkCode is the countdown of the code that reached the callback page.
type walkCode struct {
	counter countdown.Countdown
	left    time.Duration
	stop    context.CancelFunc // ends the countdown; nil once stopped
	serial  int                // which of the page's countdowns this is
}

// askedTTL is the lifetime the reader asked for, in whole seconds, or 0.
func (w *oauthWalk) askedTTL() int {
	n, err := strconv.Atoi(w.codeTTL)
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// lifetime is how long the code lives: what the request asked for, else
// what the server's metadata advertises; 0 when neither says.
func (w *oauthWalk) lifetime() time.Duration {
	n := w.askedTTL()
	if n == 0 {
		n = w.meta.CodeTTL
	}
	return time.Duration(n) * time.Second
}

// buildAuth builds the authorization request (RFC 6749 §4.1.1, RFC 7636
// §4.3) from the discovered endpoints and the reader's choices.
func (w *oauthWalk) buildAuth() {
	w.auth = &oauth.AuthRequest{Endpoint: w.meta.Authorization, ClientID: oauthWebClient,
		RedirectURI: w.redirectURI, Scope: oauth.ParseScope(oauthScope), State: w.state,
		CodeChallenge: w.pkce.Challenge, CodeChallengeMethod: "S256"}
	if w.codeTTL != "" {
		w.auth.Extra = map[string][]string{"authlab_code_ttl": {w.codeTTL}}
	}
	w.authURL, _ = w.auth.URL()
}

// onCodeTTL takes the reader's code lifetime and rebuilds a URL already
// built, so that what step 3 sends is what step 2 shows.
func (w *oauthWalk) onCodeTTL(ctx app.Context, e app.Event) {
	w.codeTTL = inputValue(ctx)
	if w.auth != nil {
		w.buildAuth()
	}
}

// startCountdown counts the code's lifetime down from issued, a moment no
// later than the server issued it. The countdown ends at zero, when the
// code is spent or replaced, or when the page goes.
func (w *oauthWalk) startCountdown(ctx app.Context, issued time.Time) {
	ttl := w.lifetime()
	if ttl <= 0 {
		return
	}
	clk := w.clock
	if clk.Now == nil {
		clk = countdown.System
	}
	w.stopCountdown()
	w.countdowns++
	c, serial := countdown.Countdown{Deadline: issued.Add(ttl)}, w.countdowns
	cctx, cancel := context.WithCancel(ctx)
	w.code = walkCode{counter: c, left: c.Left(clk.Now()), stop: cancel, serial: serial}
	ctx.Async(func() {
		defer cancel()
		c.Run(cctx, clk, func(left time.Duration) {
			ctx.Dispatch(func(ctx app.Context) {
				// Only while this countdown is the code's and not stopped.
				if w.code.serial == serial && w.code.stop != nil {
					w.code.left = left
				}
			})
		})
	})
}

// navigationStart is when the navigation that brought this page began.
// On the callback page that is the consent form's submission, before the
// server issued the code, so a countdown from it never promises more time
// than the code has. When prerendering, it is now.
func navigationStart() time.Time {
	if app.IsClient {
		if ms := app.Window().Get("performance").Get("timeOrigin"); ms.Truthy() {
			return time.UnixMilli(int64(ms.Float()))
		}
	}
	return time.Now()
}

// stopCountdown ends the code's countdown, if one runs.
func (w *oauthWalk) stopCountdown() {
	if w.code.stop != nil {
		w.code.stop()
		w.code.stop = nil
	}
}

// OnMount keeps the walkthrough's own context, for work to do after a
// render that removes the element whose handler asked for it. Nothing
// rendered changes, so the page is not rendered again.
func (w *oauthWalk) OnMount(ctx app.Context) {
	w.ctx = ctx
	ctx.PreventUpdate()
}

// OnDismount ends the countdown when the reader leaves the page.
func (w *oauthWalk) OnDismount() { w.stopCountdown() }

// codeExpired reports whether the code's countdown reached zero before
// the code was redeemed.
func (w *oauthWalk) codeExpired() bool {
	return !w.code.counter.Deadline.IsZero() && w.code.left == 0 && w.tokens == nil
}

// codeRefused reports whether the token endpoint refused the code with
// invalid_grant (RFC 6749 §5.2): expired, spent, or not this client's.
func (w *oauthWalk) codeRefused() bool {
	x := w.x("exchange", 0)
	if x == nil || x.Err != nil {
		return false
	}
	var oe *oauth.Error
	_, err := oauth.ParseTokenResponse(x.Status, []byte(x.Body))
	return errors.As(err, &oe) && oe.Code == oauth.InvalidGrant
}

// renew is "Get a new code": a new authorization request with a new state
// and a new PKCE verifier, as RFC 7636 §4.1 asks of every request, to the
// endpoints already discovered and with the reader's choices kept. The
// reader is taken back to step 3, then to the exchange.
func (w *oauthWalk) renew(ctx app.Context, e app.Event) {
	pk, st, err := newRequestSecrets()
	if err != nil {
		return
	}
	meta, redirect := w.meta, w.redirectURI
	w.reset()
	w.pkce, w.state, w.meta, w.redirectURI, w.renewing = pk, st, meta, redirect, true
	w.buildAuth()
	if !app.IsClient {
		return
	}
	// Not ctx.Defer: ctx belongs to the button pressed, which this render
	// removes, and go-app skips what a removed element deferred.
	w.ctx.Defer(func(app.Context) {
		if b := app.Window().GetElementByID("go-consent"); b.Truthy() {
			b.Call("scrollIntoView", map[string]any{"block": "center"})
			b.Call("focus")
		}
	})
}

// codeLifetimeField is step 2's choice of a shorter-lived code.
func (w *oauthWalk) codeLifetimeField() app.UI {
	hint := "Leave it empty for the server's own lifetime"
	field := app.Input().ID("code-ttl").Type("number").Min(1).Value(w.codeTTL).Placeholder("server default").OnInput(w.onCodeTTL)
	if w.meta.CodeTTL > 0 {
		hint += " (its metadata says " + strconv.Itoa(w.meta.CodeTTL) + " s)"
		field = field.Max(w.meta.CodeTTL)
	}
	return app.Div().Class("code-ttl").Body(
		app.Label().For("code-ttl").Text("Code lifetime in seconds (optional, not standard: authlab_code_ttl)"),
		field,
		oauthNote(hint+". A shorter code lets you watch one expire in step 5."),
	)
}

// codeCountdown shows the time left to redeem the code, or that it is
// spent.
func (w *oauthWalk) codeCountdown() app.UI {
	if w.code.counter.Deadline.IsZero() {
		return oauthNote("The code is single-use and short-lived: redeem it now.")
	}
	text := "expires in " + strconv.Itoa(int(w.code.left/time.Second)) + " s"
	switch x := w.x("exchange", 0); {
	case w.tokens != nil:
		text = "redeemed: it is spent and cannot be used again"
	case x != nil && x.Err == nil:
		text = "refused by the token endpoint, and spent"
	case w.code.left == 0:
		text = "expired"
	}
	return app.Div().ID("code-countdown").Class("kv code-countdown").
		Attr("role", "timer").DataSet("left", int(w.code.left/time.Second)).Body(
		app.Span().Class("kv-label").Text("The code"),
		app.Span().ID("code-left").Class("kv-value").Text(text),
	)
}

// codeGone explains an expired or refused code and offers a new one.
func (w *oauthWalk) codeGone() app.UI {
	what := "The code has expired."
	if !w.codeExpired() {
		what = "The token endpoint refused the code with invalid_grant."
	}
	life := ""
	if ttl := w.lifetime(); ttl > 0 {
		life = " This one lived " + strconv.Itoa(int(ttl/time.Second)) + " s."
	}
	return app.Div().ID("code-expired").Class("problems").Attr("role", "alert").Body(
		app.P().Text(what+life+" Authorization codes are short-lived, RFC 6749 §4.1.2 recommends 10 minutes at most, and single-use, so that a code leaked through the browser's history, a log or a Referer header is soon worth nothing. A spent or expired code is refused with invalid_grant (§5.2)."),
		app.P().Text("A client does not retry with the same code: it sends a new authorization request, with a new state and a new PKCE verifier (RFC 7636 §4.1). Your choices so far stay."),
		oauthButton("new-code", "Get a new code", true, false, w.renew),
	)
}
