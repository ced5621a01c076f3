//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pasteEarly pastes a token and its key into the prerendered workbench
// the moment the parser has added both fields, before the deferred app.js
// runs and asks for app.wasm, and records when (window.__pasted, ms since
// navigation start). A person pastes later, after the first paint, when
// the page has started the checker itself (TestEarlyCheckerLoadsUnasked);
// this keystroke starts it before the paint.
const pasteEarly = `(() => {
  const set = (id, text) => {
    const el = document.getElementById(id);
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  };
  new MutationObserver((_, obs) => {
    if (!document.getElementById("token") || !document.getElementById("key")) return;
    obs.disconnect();
    set("token", %q);
    set("key", %q);
    window.__pasted = performance.now();
  }).observe(document, { childList: true, subtree: true });
})();`

const (
	earlyToken  = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8"
	earlySecret = "bench-secret-of-thirty-two-bytes"
	// earlyCap is how long app.wasm's download waits at most for the early
	// checker's module (quickWait in web/loader.js), from the keystroke.
	earlyCap = 4 * time.Second
)

// pausedRequest is a request the Fetch domain holds.
type pausedRequest struct {
	id  fetch.RequestID
	url string
}

// earlyVisit opens /jwt with both modules' requests held and a paste
// during parsing, and returns the tab and the held requests as they come.
func earlyVisit(t *testing.T) (*uiTab, <-chan pausedRequest) {
	t.Helper()
	return holdModules(t, "/jwt", chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(fmt.Sprintf(pasteEarly, earlyToken, earlySecret)).Do(ctx)
		return err
	}))
}

// holdModules opens path in a fresh tab, after the actions before, with
// every request for app.wasm and the early checker's module held past the
// service worker, and returns the tab and the held requests as they come.
func holdModules(t *testing.T, path string, before ...chromedp.Action) (*uiTab, <-chan pausedRequest) {
	t.Helper()
	tab := uiBrowser(t)
	held := make(chan pausedRequest, 8)
	chromedp.ListenTarget(tab.ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			held <- pausedRequest{e.RequestID, e.Request.URL}
		}
	})
	tab.run(network.SetBypassServiceWorker(true),
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/web/app.wasm"}, {URLPattern: "*/web/quickcheck.wasm"}}))
	tab.run(append(before, chromedp.Navigate(baseURL+path))...)
	return tab, held
}

// next waits for the next held request, for at most within.
func next(held <-chan pausedRequest, within time.Duration) (pausedRequest, bool) {
	select {
	case p := <-held:
		return p, true
	case <-time.After(within):
		return pausedRequest{}, false
	}
}

// sincePaste is how long ago the page pasted.
func sincePaste(tab *uiTab) time.Duration {
	var ms float64
	tab.eval(`performance.now() - (window.__pasted || 0)`, &ms)
	return time.Duration(ms * float64(time.Millisecond))
}

// TestEarlyCheckerGoesFirst checks the order of a first visit in which the
// token is pasted before app.wasm has been asked for: the early checker's
// module is fetched first, and app.wasm's download waits while that module
// is on its way, so that the two do not share the link; once it has
// arrived, app.wasm is asked for, and the prerendered verdict says the
// signature was verified before the live page is there. The module is
// asked for once: the page's download is the one the checker compiles.
func TestEarlyCheckerGoesFirst(t *testing.T) {
	tab, held := earlyVisit(t)
	first, ok := next(held, 30*time.Second)
	if !ok {
		t.Fatal("the page asked for neither module")
	}
	if !strings.HasSuffix(first.url, "/web/quickcheck.wasm") {
		t.Fatalf("first module asked for: %s, want the early checker's", first.url)
	}
	// While the checker's module is held, and well inside the cap counted
	// from the paste, app.wasm is not asked for.
	window := earlyCap - sincePaste(tab) - 500*time.Millisecond
	if window < time.Second {
		t.Fatalf("the checker's module was asked for %v after the paste: too late to see the wait under the %v cap", earlyCap-window-500*time.Millisecond, earlyCap)
	}
	if p, ok := next(held, window); ok {
		t.Fatalf("%s was asked for while the early checker's module was held (%v after the paste)", p.url, sincePaste(tab))
	}
	tab.run(fetch.ContinueRequest(first.id))
	second, ok := next(held, 30*time.Second)
	if !ok || !strings.HasSuffix(second.url, "/web/app.wasm") {
		t.Fatalf("after the early checker's module, the page asked for %q, want app.wasm", second.url)
	}
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.WaitVisible(`#verdict[data-state="valid"]`, chromedp.ByQuery)); err != nil {
		t.Fatalf("the prerendered verdict never said valid: %v", err)
	}
	if !tab.exists("#app-wasm-loader") {
		t.Error("the live page was mounted while app.wasm was held")
	}
	tab.run(fetch.ContinueRequest(second.id), waitForApp)
	if got := tab.text("#verdict .verdict-title"); got != "Signature verified" {
		t.Errorf("live verdict %q", got)
	}
	// The page's one download of the checker's module was handed to the
	// checker's worker (web/quickcheck.js), which did not fetch it again.
	select {
	case p := <-held:
		t.Errorf("%s was asked for again after app.wasm", p.url)
	default:
	}
}

// TestEarlyCheckerCapsTheWait holds the early checker's module and never
// lets it go: app.wasm is still asked for, once the cap has passed and not
// before, and the live page verifies the token.
func TestEarlyCheckerCapsTheWait(t *testing.T) {
	tab, held := earlyVisit(t)
	first, ok := next(held, 30*time.Second)
	if !ok || !strings.HasSuffix(first.url, "/web/quickcheck.wasm") {
		t.Fatalf("first module asked for: %q, want the early checker's", first.url)
	}
	second, ok := next(held, earlyCap+20*time.Second)
	if !ok || !strings.HasSuffix(second.url, "/web/app.wasm") {
		t.Fatalf("with the checker's module held, app.wasm was not asked for (got %q)", second.url)
	}
	if d := sincePaste(tab); d < earlyCap-100*time.Millisecond {
		t.Errorf("app.wasm was asked for %v after the paste, before the %v cap, with the checker's module held", d, earlyCap)
	}
	tab.run(fetch.ContinueRequest(second.id), waitForApp,
		chromedp.WaitVisible(`#verdict[data-state="valid"]`, chromedp.ByQuery))
}

// TestEarlyCheckerFails answers the early checker's module with a 404:
// the prerendered verdict says the signature is verified once the tools
// have loaded, app.wasm is asked for without waiting out the cap, and the
// live page verifies the token.
func TestEarlyCheckerFails(t *testing.T) {
	tab, held := earlyVisit(t)
	first, ok := next(held, 30*time.Second)
	if !ok || !strings.HasSuffix(first.url, "/web/quickcheck.wasm") {
		t.Fatalf("first module asked for: %q, want the early checker's", first.url)
	}
	tab.run(fetch.FulfillRequest(first.id, 404).WithBody(""))
	second, ok := next(held, 30*time.Second)
	if !ok || !strings.HasSuffix(second.url, "/web/app.wasm") {
		t.Fatalf("after the checker failed, the page asked for %q, want app.wasm", second.url)
	}
	if d := sincePaste(tab); d >= earlyCap {
		t.Errorf("app.wasm was asked for %v after the paste: the failed checker held it to the cap", d)
	}
	ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
	defer cancel()
	const later = "The signature is verified as soon as the tools have loaded."
	if err := chromedp.Run(ctx, chromedp.Poll(`(document.querySelector("#verdict .verdict-reason")||{}).textContent === `+jsString(later), nil)); err != nil {
		t.Fatalf("the prerendered verdict says %q, want %q", tab.text("#verdict"), later)
	}
	tab.run(fetch.ContinueRequest(second.id), waitForApp,
		chromedp.WaitVisible(`#verdict[data-state="valid"]`, chromedp.ByQuery))
}

// TestEarlyCheckerLoadsUnasked opens the workbench and types nothing: the
// early checker's module is asked for (as soon as the parser has added
// the workbench) before app.wasm, so that a token pasted a moment later is
// verified by it; on a page without the workbench it is never asked for.
func TestEarlyCheckerLoadsUnasked(t *testing.T) {
	for _, path := range []string{"/jwt", "/basic"} {
		tab, held := holdModules(t, path)
		first, ok := next(held, 30*time.Second)
		if !ok {
			t.Fatalf("%s: the page asked for neither module", path)
		}
		if path == "/basic" {
			if !strings.HasSuffix(first.url, "/web/app.wasm") {
				t.Errorf("/basic asked for %s first, want app.wasm and no early checker", first.url)
			}
			if p, ok := next(held, 2*time.Second); ok {
				t.Errorf("/basic also asked for %s", p.url)
			}
			continue
		}
		if !strings.HasSuffix(first.url, "/web/quickcheck.wasm") {
			t.Fatalf("/jwt asked for %s first, want the early checker's module", first.url)
		}
		tab.run(fetch.ContinueRequest(first.id))
		second, ok := next(held, 30*time.Second)
		if !ok || !strings.HasSuffix(second.url, "/web/app.wasm") {
			t.Fatalf("/jwt then asked for %q, want app.wasm", second.url)
		}
		tab.run(pasteToken("#token", earlyToken), pasteToken("#key", earlySecret))
		ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
		if err := chromedp.Run(ctx, chromedp.WaitVisible(`#verdict[data-state="valid"]`, chromedp.ByQuery)); err != nil {
			t.Fatalf("with app.wasm held, the early checker did not verify a token pasted after the paint: %v", err)
		}
		cancel()
		if !tab.exists("#app-wasm-loader") {
			t.Error("the live page was mounted while app.wasm was held")
		}
	}
}
