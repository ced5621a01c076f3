//go:build e2e

package e2e_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// walkToAccount runs the /oauth walkthrough, open in b, up to step 3 with
// a code lifetime of ttl seconds ("" for the server's) and a fresh demo
// account, which it returns.
func walkToAccount(b *uiTab, ttl string) (user, password string) {
	b.t.Helper()
	b.click("#generate")
	b.setValue("#code-ttl", ttl)
	b.click("#build")
	b.waitText("#auth-url", "authlab_code_ttl="+ttl)
	b.click("#create-account")
	return b.text("#account-name"), b.text("#account-password")
}

// walkConsent leaves step 3 for the consent page, signs in, approves, and
// waits for the code's countdown on the callback page.
func walkConsent(b *uiTab, user, password string) {
	b.t.Helper()
	b.click("#go-consent")
	b.run(
		chromedp.WaitVisible("#username", chromedp.ByQuery),
		chromedp.SendKeys("#username", user, chromedp.ByQuery),
		chromedp.SendKeys("#password", password, chromedp.ByQuery),
		clickSteady("#approve"),
		chromedp.WaitVisible("#code-countdown", chromedp.ByQuery),
	)
}

// codeLeft is the seconds the callback page says the code has left.
func codeLeft(b *uiTab) int {
	b.t.Helper()
	var left string
	b.run(chromedp.AttributeValue("#code-countdown", "data-left", &left, nil, chromedp.ByQuery))
	n, err := strconv.Atoi(left)
	if err != nil {
		b.t.Fatalf("data-left %q", left)
	}
	return n
}

// clipboardAfter clicks a copy button and returns what it put on the
// clipboard.
func clipboardAfter(b *uiTab, button string) string {
	b.t.Helper()
	b.eval(`navigator.clipboard.writeText("")`, nil)
	b.click(button)
	var got string
	for deadline := time.Now().Add(5 * time.Second); got == "" && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		b.eval(`navigator.clipboard.readText()`, &got)
	}
	return got
}

// TestOAuthWalkthroughCodeExpiry: the demo account's credentials copy to
// the clipboard; the code's countdown on the callback page falls, reaches
// zero and says why the code expired; "Get a new code" makes a new state
// and verifier without losing the walk's choices, and its code is
// exchanged for tokens.
func TestOAuthWalkthroughCodeExpiry(t *testing.T) {
	const ttl = 8 // long enough to watch the countdown move, short enough not to wait
	b := uiBrowser(t)
	b.grantClipboard(baseURL)
	b.open("/oauth")
	user, password := walkToAccount(b, strconv.Itoa(ttl))
	if got := clipboardAfter(b, "#account-name-copy"); got != user {
		t.Errorf("the username's copy button copied %q, want %q", got, user)
	}
	if got := clipboardAfter(b, "#account-password-copy"); got != password {
		t.Errorf("the password's copy button copied %q, want %q", got, password)
	}

	walkConsent(b, user, password)
	first := codeLeft(b)
	if first < 1 || first > ttl {
		t.Fatalf("the countdown starts at %d s for a %d s code", first, ttl)
	}
	b.waitJS(fmt.Sprintf(`+document.querySelector("#code-countdown").dataset.left < %d`, first))
	b.waitText("#code-expired", "The code has expired")
	b.screenshot("oauth-code-expired", "#code-expired")
	if left := b.text("#code-left"); left != "expired" || codeLeft(b) != 0 {
		t.Fatalf("at zero the code shows %q", left)
	}
	wantIn(t, "the expiry message", b.text("#code-expired"), fmt.Sprintf("lived %d s", ttl), "RFC 6749 §4.1.2", "single-use", "invalid_grant", "RFC 7636")

	oldState, oldVerifier := b.text("#state"), b.text("#pkce-verifier")
	b.click("#new-code")
	b.waitJS(`document.activeElement && document.activeElement.id === "go-consent"`)
	state, verifier, challenge := b.text("#state"), b.text("#pkce-verifier"), b.text("#pkce-challenge")
	if state == oldState || verifier == oldVerifier {
		t.Fatalf("Get a new code kept the state %q or the verifier %q", state, verifier)
	}
	var ttlKept string
	b.eval(`document.querySelector("#code-ttl").value`, &ttlKept)
	if ttlKept != strconv.Itoa(ttl) {
		t.Errorf("the code lifetime chosen is now %q", ttlKept)
	}
	if b.exists("#exchange") || b.exists("#code-expired") {
		t.Error("the spent code's exchange is still offered")
	}
	// This time the server's own lifetime, so that the exchange has time.
	b.setValue("#code-ttl", "")
	b.waitJS(`!document.querySelector("#auth-url").textContent.includes("authlab_code_ttl")`)
	u, err := url.Parse(strings.TrimSpace(b.text("#auth-url")))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("state") != state || q.Get("code_challenge") != challenge || q.Has("authlab_code_ttl") ||
		q.Get("client_id") != "authlab-web" || q.Get("redirect_uri") != baseURL+"/oauth/callback" {
		t.Fatalf("the new authorization URL %s", u)
	}

	walkConsent(b, user, password)
	if left := codeLeft(b); left <= ttl {
		t.Fatalf("the server's default code lifetime shows as %d s", left)
	}
	b.click("#exchange")
	b.run(chromedp.WaitVisible("#token-nostore", chromedp.ByQuery))
	wantIn(t, "the token request", b.text("#x-token-request"), "code_verifier="+b.text("#pkce-verifier"))
	wantIn(t, "the token response", b.text("#x-token-response"), "HTTP/1.1 200", `"token_type": "Bearer"`)
	if left := b.text("#code-left"); !strings.HasPrefix(left, "redeemed") {
		t.Errorf("after the exchange the code shows %q", left)
	}
	if b.exists("#code-expired") {
		t.Error("the expiry message stays after a successful exchange")
	}
}
