//go:build e2e

package e2e_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSessionCrossSiteRefusalShown presses the other site's button on
// /session: the page itself then shows the 403 and the server's reason,
// in a live region.
func TestSessionCrossSiteRefusalShown(t *testing.T) {
	b := uiBrowser(t)
	b.open("/session")
	b.click("#session-cross-open")
	b.run(chromedp.WaitVisible("#session-cross-frame", chromedp.ByQuery))
	frame := b.frameTab()
	frame.run(chromedp.WaitVisible("#cross-submit", chromedp.ByQuery), chromedp.Click("#cross-submit", chromedp.ByQuery))
	got := b.waitText("#session-cross-result", "403")
	for _, want := range []string{"forbidden", "cross-site request from null refused"} {
		if !strings.Contains(got, want) {
			t.Errorf("the result reads %q, without %q", got, want)
		}
	}
	var live string
	b.eval(`document.querySelector("#session-cross-result").closest("[aria-live]")?.getAttribute("aria-live") || ""`, &live)
	if live != "polite" && live != "assertive" {
		t.Errorf("the result is in no live region (aria-live %q)", live)
	}
}
