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

// pasteEarly pastes a token and its key into the prerendered workbench as
// soon as its fields exist, while the document is still being parsed, as
// a visitor who pastes at once does (and as wasm/bench's probe does).
const pasteEarly = `(() => {
  const set = (id, text) => {
    const el = document.getElementById(id);
    if (!el) return false;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set.call(el, text);
    el.dispatchEvent(new Event("input", { bubbles: true }));
    return true;
  };
  const tick = () => {
    if (set("token", %q) && set("key", %q)) return;
    setTimeout(tick, 4);
  };
  tick();
})();`

// TestEarlyCheckerGoesFirst checks the order of a first visit in which
// the visitor pastes before app.wasm has been asked for: the early
// checker's module is fetched, and app.wasm's download waits until that
// module has arrived, so that the two do not share the link; once it has,
// app.wasm is asked for, and the prerendered verdict says the signature
// was verified.
func TestEarlyCheckerGoesFirst(t *testing.T) {
	const (
		token  = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8"
		secret = "bench-secret-of-thirty-two-bytes"
	)
	tab := uiBrowser(t)
	type paused struct {
		id  fetch.RequestID
		url string
	}
	held := make(chan paused, 8)
	chromedp.ListenTarget(tab.ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			held <- paused{e.RequestID, e.Request.URL}
		}
	})
	tab.run(network.SetBypassServiceWorker(true),
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/web/app.wasm"}, {URLPattern: "*/web/quickcheck.wasm"}}),
		chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(fmt.Sprintf(pasteEarly, token, secret)).Do(ctx)
			return err
		}),
		chromedp.Navigate(baseURL+"/jwt"))

	next := func(within time.Duration) (paused, bool) {
		select {
		case p := <-held:
			return p, true
		case <-time.After(within):
			return paused{}, false
		}
	}
	first, ok := next(30 * time.Second)
	if !ok {
		t.Fatal("the page asked for neither module")
	}
	if !strings.HasSuffix(first.url, "/web/quickcheck.wasm") {
		t.Fatalf("first module asked for: %s, want the early checker's", first.url)
	}
	// While the checker's module is on its way, app.wasm is not asked
	// for: the page's first paint was reported long before this wait ends.
	if p, ok := next(2 * time.Second); ok {
		t.Fatalf("%s was asked for while the early checker's module was still arriving", p.url)
	}
	tab.run(fetch.ContinueRequest(first.id))
	second, ok := next(30 * time.Second)
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
}
