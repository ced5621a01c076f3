//go:build e2e

package e2e_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/authlab/authlab/app/oauth"
)

// walkBrowser is newBrowser with a profile folder that is removed only
// after chromium has exited, which chromedp.Cancel waits for.
func walkBrowser(t *testing.T) context.Context {
	t.Helper()
	dir, err := os.MkdirTemp("", "authlab-oauth-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:0:0],
		chromedp.ExecPath("chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, _ := chromedp.NewContext(actx)
	tctx, cancelTimeout := context.WithTimeout(context.WithValue(ctx, walkParent{}, ctx), 3*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		closed := make(chan struct{})
		go func() { chromedp.Cancel(ctx); close(closed) }()
		select {
		case <-closed:
		case <-time.After(10 * time.Second):
		}
		cancelAlloc()
		for i := 0; i < 20 && os.RemoveAll(dir) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	return tctx
}

// walkParent keys the browser's context without the test's deadline, so
// that a test that timed out can still ask the browser where it is.
type walkParent struct{}

// walkText reads an element's text once it is visible.
func walkText(sel string, out *string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.WaitVisible(sel, chromedp.ByQuery),
		chromedp.Text(sel, out, chromedp.ByQuery),
	}
}

// walkClick clicks a button and waits for what it shows.
func walkClick(button, result string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.WaitEnabled(button, chromedp.ByQuery),
		clickSteady(button),
		chromedp.WaitVisible(result, chromedp.ByQuery),
	}
}

// walkStorage returns everything the page's origin keeps in localStorage
// and sessionStorage, as "key=value" lines.
func walkStorage(ctx context.Context, t *testing.T) (local, session string) {
	t.Helper()
	dump := `(s => Array.from({length: s.length}, (_, i) => s.key(i) + "=" + s.getItem(s.key(i))).join("\n"))`
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(dump+`(localStorage)`, &local),
		chromedp.Evaluate(dump+`(sessionStorage)`, &session),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	return local, session
}

var walkJSONString = regexp.MustCompile(`"(access_token|refresh_token)":\s*"([^"]+)"`)

// walkTokens finds the tokens in a token response as the page shows it.
func walkTokens(t *testing.T, response string) (access, refresh string) {
	t.Helper()
	for _, m := range walkJSONString.FindAllStringSubmatch(response, -1) {
		if m[1] == "access_token" {
			access = m[2]
		} else {
			refresh = m[2]
		}
	}
	if access == "" || refresh == "" {
		t.Fatalf("no tokens in the response shown:\n%s", response)
	}
	return access, refresh
}

// walkFatal stops the test with where the browser was and what it showed.
func walkFatal(ctx context.Context, t *testing.T, err error) {
	t.Helper()
	var where, text string
	if p, ok := ctx.Value(walkParent{}).(context.Context); ok {
		ctx = p
	}
	c, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	chromedp.Run(c, chromedp.Evaluate(`location.href`, &where), chromedp.Evaluate(`document.body ? document.body.innerText.slice(0, 1500) : ""`, &text))
	t.Fatalf("%v\nat %s, showing:\n%s", err, where, text)
}

func wantIn(t *testing.T, what, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Fatalf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

// TestOAuthWalkthrough runs the /oauth walkthrough in chromium from step 1
// to step 8: the consent page is filled in and approved as a learner
// would, and every request is the page's own.
func TestOAuthWalkthrough(t *testing.T) {
	ctx := walkBrowser(t)
	var verifier, challenge, state, authURL, user, password string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(baseURL+"/oauth"),
		waitForApp,
		walkClick("#generate", "#pkce-challenge"),
		chromedp.Text("#pkce-verifier", &verifier, chromedp.ByQuery),
		chromedp.Text("#pkce-challenge", &challenge, chromedp.ByQuery),
		chromedp.Text("#state", &state, chromedp.ByQuery),
		walkClick("#build", "#auth-url"),
		chromedp.Text("#auth-url", &authURL, chromedp.ByQuery),
		walkClick("#create-account", "#account-name"),
		chromedp.Text("#account-name", &user, chromedp.ByQuery),
		chromedp.Text("#account-password", &password, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	// Step 1: the challenge is the S256 of the verifier.
	if oauth.ValidVerifier(verifier) != nil || oauth.S256(verifier) != challenge || len(state) < 22 {
		t.Fatalf("verifier %q challenge %q state %q", verifier, challenge, state)
	}
	// Step 2: the URL carries every parameter.
	u, err := url.Parse(strings.TrimSpace(authURL))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Path != "/oauth/authorize" || q.Get("client_id") != "authlab-web" || q.Get("redirect_uri") != baseURL+"/oauth/callback" ||
		q.Get("code_challenge") != challenge || q.Get("code_challenge_method") != "S256" || q.Get("state") != state || q.Get("response_type") != "code" {
		t.Fatalf("authorization URL %s", authURL)
	}

	// Step 3: the consent page, signed in to and approved as a person does.
	var pending, client string
	if err := chromedp.Run(ctx,
		clickSteady("#go-consent"),
		walkText("#client-name", &client),
		chromedp.Evaluate(`sessionStorage.getItem("authlab.oauth.pending") || ""`, &pending),
		chromedp.SendKeys("#username", user, chromedp.ByQuery),
		chromedp.SendKeys("#password", password, chromedp.ByQuery),
		clickSteady("#approve"),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	wantIn(t, "the pending authorization in sessionStorage", pending, verifier, state)
	if client != "Authlab pages" {
		t.Errorf("consent page names the client %q", client)
	}

	// Step 4: the callback page checks state and iss, and cleans the URL.
	// The approval navigates: wait for the callback page's own element
	// first, or the wait for app.wasm could be answered by the consent
	// page as it is left.
	var verdict, stateOK, issOK, search string
	if err := chromedp.Run(ctx,
		chromedp.WaitReady("#callback-verdict", chromedp.ByQuery),
		waitForApp,
		walkText("#callback-verdict", &verdict),
		chromedp.AttributeValue("#check-state", "data-ok", &stateOK, nil, chromedp.ByQuery),
		chromedp.AttributeValue("#check-iss", "data-ok", &issOK, nil, chromedp.ByQuery),
		chromedp.Evaluate(`location.search`, &search),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	if stateOK != "true" || issOK != "true" || !strings.Contains(verdict, "matches the request") {
		t.Fatalf("callback checks: state %s iss %s verdict %q", stateOK, issOK, verdict)
	}
	if search != "" {
		t.Errorf("the code stays in the address bar: %q", search)
	}
	if _, session := walkStorage(ctx, t); strings.Contains(session, verifier) {
		t.Errorf("the verifier is still in sessionStorage after the callback: %s", session)
	}

	// Step 5: the exchange, as a public client.
	var tokenReq, tokenRes string
	if err := chromedp.Run(ctx,
		walkClick("#exchange", "#token-nostore"),
		chromedp.Text("#x-token-request", &tokenReq, chromedp.ByQuery),
		chromedp.Text("#x-token-response", &tokenRes, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	wantIn(t, "the token request", tokenReq, "POST /oauth/token HTTP/1.1", "grant_type=authorization_code", "code_verifier="+verifier, "client_id=authlab-web")
	if strings.Contains(tokenReq, "Authorization:") || strings.Contains(tokenReq, "client_secret") {
		t.Errorf("the public client sent a secret:\n%s", tokenReq)
	}
	wantIn(t, "the token response", tokenRes, "HTTP/1.1 200", "cache-control: no-store", `"token_type": "Bearer"`)
	access, refresh := walkTokens(t, tokenRes)

	// Step 6: decode, then userinfo and the API.
	var payload, jwtLink, userinfo, api string
	if err := chromedp.Run(ctx,
		walkText("#at-payload", &payload),
		chromedp.AttributeValue("#open-jwt", "href", &jwtLink, nil, chromedp.ByQuery),
		walkClick("#call", "#x-api-response"),
		chromedp.Text("#x-userinfo-response", &userinfo, chromedp.ByQuery),
		chromedp.Text("#x-api-response", &api, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	wantIn(t, "the decoded payload", payload, `"client_id": "authlab-web"`, `"preferred_username": "`+user+`"`)
	wantIn(t, "the workbench link", jwtLink, "/jwt#token="+access)
	wantIn(t, "userinfo", userinfo, "HTTP/1.1 200", `"preferred_username": "`+user+`"`)
	wantIn(t, "/api/protected", api, "HTTP/1.1 200", "you hold a valid Bearer token")

	// Step 7: rotation.
	var refreshRes string
	if err := chromedp.Run(ctx,
		walkClick("#refresh", "#refresh-rotated"),
		chromedp.Text("#x-refresh-response", &refreshRes, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	access2, refresh2 := walkTokens(t, refreshRes)
	if access2 == access || refresh2 == refresh {
		t.Fatal("refresh returned the same tokens")
	}

	// Step 8: introspection needs a confidential client; revocation holds.
	var introPublic, intro, introRT, revokeRT, revokeAT string
	if err := chromedp.Run(ctx,
		walkClick("#introspect", "#x-intro-refresh-response"),
		chromedp.Text("#x-intro-public-response", &introPublic, chromedp.ByQuery),
		chromedp.Text("#x-intro-response", &intro, chromedp.ByQuery),
		chromedp.Text("#x-intro-refresh-response", &introRT, chromedp.ByQuery),
		walkClick("#revoke", "#x-revoke-at-response"),
		chromedp.Text("#x-revoke-rt-response", &revokeRT, chromedp.ByQuery),
		chromedp.Text("#x-revoke-at-response", &revokeAT, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	wantIn(t, "introspection as the public client", introPublic, "HTTP/1.1 401", `"error": "invalid_client"`)
	wantIn(t, "introspection as the demo client", intro, "HTTP/1.1 200", `"active": true`, `"username": "`+user+`"`)
	wantIn(t, "introspection of another client's refresh token", introRT, "HTTP/1.1 200", `"active": false`)
	wantIn(t, "revoking the refresh token", revokeRT, "HTTP/1.1 200")
	wantIn(t, "revoking the access token", revokeAT, "HTTP/1.1 200")
	var afterIntro, afterUser, afterRefresh, afterAPI string
	if err := chromedp.Run(ctx,
		walkClick("#recheck", "#x-after-api-response"),
		chromedp.Text("#x-after-intro-response", &afterIntro, chromedp.ByQuery),
		chromedp.Text("#x-after-userinfo-response", &afterUser, chromedp.ByQuery),
		chromedp.Text("#x-after-refresh-response", &afterRefresh, chromedp.ByQuery),
		chromedp.Text("#x-after-api-response", &afterAPI, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	wantIn(t, "introspection after revocation", afterIntro, `"active": false`)
	wantIn(t, "userinfo after revocation", afterUser, "HTTP/1.1 401", `error="invalid_token"`)
	wantIn(t, "refresh after revocation", afterRefresh, "HTTP/1.1 400", `"error": "invalid_grant"`)
	wantIn(t, "/api/protected after revocation", afterAPI, "HTTP/1.1 200")

	// Tokens were never stored; the pending authorization is gone.
	local, session := walkStorage(ctx, t)
	for _, secret := range []string{access, refresh, access2, refresh2, verifier} {
		if strings.Contains(local, secret) || strings.Contains(session, secret) {
			t.Fatalf("a token or the verifier is in web storage:\nlocalStorage:\n%s\nsessionStorage:\n%s", local, session)
		}
	}
}

// TestOAuthWalkthroughCallbackWithoutPending: a reload of the callback, or
// a forged one, finds no verifier and refuses to go on.
func TestOAuthWalkthroughCallbackWithoutPending(t *testing.T) {
	ctx := walkBrowser(t)
	var verdict string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(baseURL+"/oauth/callback?code=forged&state=x&iss="+url.QueryEscape(baseURL)),
		waitForApp,
		walkText("#callback-verdict", &verdict),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	wantIn(t, "the callback verdict", verdict, "No authorization is pending in this tab")
	var disabled bool
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("exchange") === null`, &disabled)); err != nil || !disabled {
		t.Fatalf("the exchange is offered without a verifier (%v)", err)
	}
}

// TestOAuthBreakItLab clicks every "break it" case and reads the server's
// error (or, for state, the browser's check).
func TestOAuthBreakItLab(t *testing.T) {
	ctx := walkBrowser(t)
	if err := chromedp.Run(ctx, chromedp.Navigate(baseURL+"/oauth"), waitForApp); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		key, caught string
		detail      []string
	}{
		{"wrong-verifier", "invalid_grant", []string{"does not match"}},
		{"reused-code", "invalid_grant", []string{"already used", "refused by userinfo (401)"}},
		{"redirect", "invalid_grant", []string{"redirect_uri differs", "not registered"}},
		{"state", "state mismatch (checked in the browser)", []string{"state differs"}},
		{"plain", "invalid_request", []string{"plain is refused"}},
		{"expired", "invalid_grant", []string{"expired"}},
		{"wrong-secret", "invalid_client", []string{"wrong client_secret", "WWW-Authenticate: Basic realm="}},
	} {
		t.Run(c.key, func(t *testing.T) {
			var caught, result string
			sel := "#lab-" + c.key
			if err := chromedp.Run(ctx,
				walkClick(sel+"-run", sel+"-verdict"),
				chromedp.AttributeValue(sel+"-verdict", "data-caught", &caught, nil, chromedp.ByQuery),
				chromedp.Text(sel+"-result", &result, chromedp.ByQuery),
			); err != nil {
				t.Fatal(err)
			}
			if caught != c.caught {
				t.Fatalf("caught %q, want %q:\n%s", caught, c.caught, result)
			}
			wantIn(t, "the lab result", result, c.detail...)
		})
	}
	if local, _ := walkStorage(ctx, t); strings.Contains(local, "eyJ") {
		t.Fatalf("a JWT is in localStorage:\n%s", local)
	}
}

// TestOAuthClientCredentialsPanel: Basic encoding shown step by step, a
// token, a call, and a renewal before expiry.
func TestOAuthClientCredentialsPanel(t *testing.T) {
	ctx := walkBrowser(t)
	var header, countdown, api, fetched string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(baseURL+"/oauth"),
		waitForApp,
		walkText("#cc-header", &header),
		walkClick("#cc-token", "#cc-countdown"),
		chromedp.Text("#cc-countdown", &countdown, chromedp.ByQuery),
		walkClick("#cc-call", "#x-cc-api-response"),
		chromedp.Text("#x-cc-api-response", &api, chromedp.ByQuery),
		clickSteady("#cc-auto"),
		clickSteady("#cc-jump"),
		chromedp.Poll(`document.getElementById("cc-fetched").textContent === "2"`, nil, chromedp.WithPollingTimeout(15*time.Second)),
		chromedp.Text("#cc-fetched", &fetched, chromedp.ByQuery),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	if header != "Authorization: Basic YXV0aGxhYi1kZW1vOmF1dGhsYWItZGVtby1zZWNyZXQ=" {
		t.Errorf("Basic header %q", header)
	}
	if !regexp.MustCompile(`^valid for another 1[45]m`).MatchString(countdown) {
		t.Errorf("countdown %q", countdown)
	}
	wantIn(t, "/api/protected with the client's token", api, "HTTP/1.1 200", `"sub": "authlab-demo"`)
}

// TestOAuthPresetsCarryFreshPKCE: the live page's provider requests carry a
// PKCE pair and state made in the browser, in place of the prerendered
// stand-ins, and the challenge is the verifier's S256 (RFC 7636 §4.2).
func TestOAuthPresetsCarryFreshPKCE(t *testing.T) {
	ctx := walkBrowser(t)
	var authURL, verifier, exchange string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(baseURL+"/oauth"),
		waitForApp,
		clickSteady("#preset-spotify"), // a public client: the exchange carries the verifier alone
		chromedp.Poll(`document.getElementById("preset-output").dataset.provider === "Spotify"`, nil, chromedp.WithPollingTimeout(15*time.Second)),
		walkText("#preset-auth-url", &authURL),
		walkText("#preset-verifier", &verifier),
		walkText("#preset-token-request", &exchange),
	); err != nil {
		walkFatal(ctx, t, err)
	}
	u, err := url.Parse(strings.TrimSpace(authURL))
	if err != nil {
		t.Fatalf("authorization URL %q: %v", authURL, err)
	}
	q := u.Query()
	sum := sha256.Sum256([]byte(verifier))
	if want := base64.RawURLEncoding.EncodeToString(sum[:]); q.Get("code_challenge") != want || q.Get("code_challenge_method") != "S256" {
		t.Errorf("code_challenge %q (%s) for the verifier %q, want %q (S256)", q.Get("code_challenge"), q.Get("code_challenge_method"), verifier, want)
	}
	if len(verifier) < 43 || strings.Contains(verifier, "MADE_IN_YOUR_BROWSER") {
		t.Errorf("verifier %q: not one made in the browser (RFC 7636 §4.1: 43 to 128 characters)", verifier)
	}
	if s := q.Get("state"); len(s) < 16 || strings.Contains(s, "MADE_IN_YOUR_BROWSER") {
		t.Errorf("state %q: not one made in the browser", s)
	}
	wantIn(t, "the code exchange", exchange, "code_verifier="+verifier)
}
