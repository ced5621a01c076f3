//go:build !wasm

package ui

import (
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/ui/countdown"
)

var codeT0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// walkHost mounts the walkthrough's steps 4 and 5 and keeps the context
// its handlers get.
type walkHost struct {
	app.Compo
	w   *oauthWalk
	ctx app.Context
}

func (h *walkHost) OnPreRender(ctx app.Context) { h.ctx = ctx }
func (h *walkHost) Render() app.UI              { return app.Div().Body(h.w.step4(), h.w.step5()) }

// instantClock fires every timer at once, moving its time on by the wait,
// and counts the timers it started and stopped.
type instantClock struct {
	mu               sync.Mutex
	now              time.Time
	started, stopped int
}

func (c *instantClock) clock() countdown.Clock {
	return countdown.Clock{
		Now: func() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now },
		Timer: func(d time.Duration) (<-chan time.Time, func() bool) {
			c.mu.Lock()
			defer c.mu.Unlock()
			c.started++
			c.now = c.now.Add(d)
			ch := make(chan time.Time, 1)
			ch <- c.now
			return ch, func() bool { c.mu.Lock(); c.stopped++; c.mu.Unlock(); return false }
		},
	}
}

// blockedClock never fires: the countdown waits until it is cancelled.
type blockedClock struct {
	stopped chan struct{}
}

func (c *blockedClock) clock() countdown.Clock {
	return countdown.Clock{
		Now: func() time.Time { return codeT0 },
		Timer: func(time.Duration) (<-chan time.Time, func() bool) {
			return make(chan time.Time), func() bool { close(c.stopped); return true }
		},
	}
}

// receivedWalk is a walkthrough on the callback page with a checked code.
func receivedWalk(t *testing.T, clk countdown.Clock, codeTTL string) (*oauthWalk, *walkHost, app.TestEngine) {
	t.Helper()
	pk, err := oauth.NewPKCE(strings.NewReader(strings.Repeat("v", 64)))
	if err != nil {
		t.Fatal(err)
	}
	w := &oauthWalk{callbackPage: true, clock: clk, codeTTL: codeTTL}
	w.pkce, w.state, w.redirectURI = pk, "state-1", "https://pages.example/oauth/callback"
	w.meta = oauthMeta{Issuer: "https://as.example", Authorization: "https://as.example/oauth/authorize",
		Token: "https://as.example/oauth/token", CodeTTL: 60}
	w.callback = &oauth.Callback{Code: "code-1", State: "state-1", Iss: "https://as.example"}
	h := &walkHost{w: w}
	e := app.NewTestEngine()
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	return w, h, e
}

// consumeAll is ConsumeAll, failing when a goroutine keeps it waiting.
func consumeAll(t *testing.T, e app.TestEngine) {
	t.Helper()
	done := make(chan struct{})
	go func() { e.ConsumeAll(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("a goroutine of the page is still running")
	}
}

// TestWalkCodeCountdownExpires: the asked-for lifetime is counted down on
// the page's clock to zero; the countdown then ends, and step 5 says the
// code expired and offers a new one.
func TestWalkCodeCountdownExpires(t *testing.T) {
	clk := &instantClock{now: codeT0.Add(2 * time.Second)}
	w, h, e := receivedWalk(t, clk.clock(), "5")
	w.startCountdown(h.ctx, codeT0)
	if w.code.left != 3*time.Second {
		t.Fatalf("at first: %v left, want 3s (5 s from issue, 2 s gone)", w.code.left)
	}
	consumeAll(t, e)
	if w.code.left != 0 || !w.codeExpired() {
		t.Fatalf("after the deadline: %v left, expired %v", w.code.left, w.codeExpired())
	}
	if clk.started != 3 {
		t.Errorf("%d timers, want one for each of 3, 2, 1", clk.started)
	}
	page := app.HTMLString(h)
	// go-app writes attributes in no fixed order.
	if !regexp.MustCompile(`<[^>]*\bid="code-left"[^>]*>expired<`).MatchString(page) {
		t.Errorf("the code's time left does not say expired:\n%s", page)
	}
	for _, want := range []string{`id="code-expired"`, "The code has expired. This one lived 5 s.", "RFC 6749 §4.1.2", `id="new-code"`, "Get a new code"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s:\n%s", want, page)
		}
	}
}

// TestWalkCodeCountdownServerLifetime: without a choice, the lifetime is
// the one the server's metadata advertises.
func TestWalkCodeCountdownServerLifetime(t *testing.T) {
	blocked := &blockedClock{stopped: make(chan struct{})}
	w, h, e := receivedWalk(t, blocked.clock(), "")
	w.startCountdown(h.ctx, codeT0.Add(-10*time.Second))
	if w.code.left != 50*time.Second {
		t.Fatalf("%v left, want 50s of the metadata's 60", w.code.left)
	}
	// Leaving the page ends the countdown and its timer.
	w.OnDismount()
	consumeAll(t, e)
	select {
	case <-blocked.stopped:
	default:
		t.Fatal("the countdown's timer was not stopped when the page went")
	}
}

// TestWalkCodeRedeemedStopsCountdown: an answered exchange spends the code
// and ends its countdown; an invalid_grant answer offers a new code.
func TestWalkCodeRedeemedStopsCountdown(t *testing.T) {
	blocked := &blockedClock{stopped: make(chan struct{})}
	w, h, e := receivedWalk(t, blocked.clock(), "")
	w.startCountdown(h.ctx, codeT0)
	w.record("exchange", &exchange{Response: httpmsg.Response{Status: 400, Body: `{"error":"invalid_grant","error_description":"the code has expired"}`}})
	w.stopCountdown()
	consumeAll(t, e)
	select {
	case <-blocked.stopped:
	default:
		t.Fatal("the countdown's timer outlived the exchange")
	}
	if w.codeExpired() || !w.codeRefused() {
		t.Fatalf("expired %v refused %v, want a refusal", w.codeExpired(), w.codeRefused())
	}
	if err := app.Match(app.Span().ID("code-left").Class("kv-value").Text("refused by the token endpoint, and spent"), w.codeCountdown(), 1); err != nil {
		t.Error(err)
	}
}

// TestWalkRenew: "Get a new code" makes a new state and verifier, keeps
// the endpoints, the redirect URI and the chosen lifetime, and goes back
// to step 3.
func TestWalkRenew(t *testing.T) {
	blocked := &blockedClock{stopped: make(chan struct{})}
	w, h, e := receivedWalk(t, blocked.clock(), "7")
	w.startCountdown(h.ctx, codeT0)
	oldState, oldVerifier, meta := w.state, w.pkce.Verifier, w.meta
	w.renew(h.ctx, app.Event{})
	consumeAll(t, e)
	select {
	case <-blocked.stopped:
	default:
		t.Fatal("the old code's countdown still runs")
	}
	if w.state == oldState || w.pkce.Verifier == oldVerifier || oauth.S256(w.pkce.Verifier) != w.pkce.Challenge {
		t.Fatalf("state %q verifier %q challenge %q: not new", w.state, w.pkce.Verifier, w.pkce.Challenge)
	}
	if w.meta != meta || w.redirectURI != "https://pages.example/oauth/callback" || w.codeTTL != "7" || !w.renewing {
		t.Fatalf("the walk's place is lost: %+v", w.walkFlow)
	}
	if w.callback != nil || w.x("exchange", 0) != nil || w.code.stop != nil {
		t.Fatal("the spent code's values remain")
	}
	u, err := url.Parse(w.authURL)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("state") != w.state || q.Get("code_challenge") != w.pkce.Challenge || q.Get("authlab_code_ttl") != "7" ||
		q.Get("redirect_uri") != w.redirectURI || u.Host != "as.example" {
		t.Fatalf("the new authorization URL %s", w.authURL)
	}
	if p := w.pending(); p.CodeTTL != 7 || p.Verifier != w.pkce.Verifier || p.State != w.state {
		t.Fatalf("what waits for the callback: %+v", p)
	}
}
