//go:build e2e

package e2e_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

func TestBasicPageEncodesDecodesAndTries(t *testing.T) {
	b := uiBrowser(t)
	b.open("/basic")
	// The example of RFC 7617 §2 is there from the start.
	b.waitText("#basic-header", "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")

	b.setValue("#basic-user", "jürgen")
	b.setValue("#basic-pass", "pa:ss")
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte("jürgen:pa:ss"))
	b.waitText("#basic-header", want)

	b.setValue("#basic-user", "a:b")
	b.waitText("#basic-encode-error", "cannot contain a colon")
	if !b.exists("#basic-try[disabled]") {
		t.Error("Try it stays enabled for a user-id with a colon")
	}

	b.setValue("#basic-paste", `curl -u 'ada:s3cret:x' https://api.example/`)
	b.waitText("#basic-decoded-user", "ada")
	if got := b.text("#basic-decoded-pass"); got != "s3cret:x" {
		t.Errorf("decoded password = %q", got)
	}
	b.setValue("#basic-paste", "Authorization: Basic YTpiCWM=")
	b.waitText("#basic-decode-warning", "control character")
	b.setValue("#basic-paste", "Basic YT-_")
	b.waitText("#basic-decode-error", "base64url")

	b.waitText("#basic-http-warning", "Plain http://")
	b.setValue("#basic-target", "https://api.example/basic")
	b.waitText("#basic-https-ok", "HTTPS")
	b.setValue("#basic-target", "http://api.example/basic")
	b.waitText("#basic-http-warning", "anyone on the network path")

	if got := b.apiRequests(); len(got) != 0 {
		t.Fatalf("typing sent requests: %v", got)
	}
	b.setValue("#basic-user", "jürgen")
	b.click("#basic-try")
	b.waitText("#basic-try-2 h3", "With the Authorization header")
	first, second := b.text("#basic-try-1"), b.waitText("#basic-try-2 .http-res", "HTTP 200")
	for _, want := range []string{"HTTP 401", `www-authenticate: Basic realm="Fake Realm", charset="UTF-8"`} {
		if !strings.Contains(first, want) {
			t.Errorf("first exchange lacks %q:\n%s", want, first)
		}
	}
	if got := b.text("#basic-try-1 .param-realm"); got != "Fake Realm" {
		t.Errorf("challenge realm = %q", got)
	}
	if !strings.Contains(second, `"authenticated": true`) {
		t.Errorf("second exchange:\n%s", second)
	}
	if got := b.apiRequests(); len(got) != 2 {
		t.Errorf("Try it sent %d requests, want 2: %v", len(got), got)
	}

	// The code shown repeats the request that was sent, and copies.
	code := b.snippet("basic-try-2", "curl")
	if !strings.Contains(code, "Authorization: "+want) || !strings.Contains(code, "/basic-auth/j%C3%BCrgen/pa:ss") {
		t.Errorf("curl snippet:\n%s", code)
	}
	b.grantClipboard(baseURL)
	b.click("#basic-try-2-code-copy")
	b.waitText("#basic-try-2-code .copy-status", "Copied")
	var clip string
	b.eval(`navigator.clipboard.readText()`, &clip)
	if clip != code {
		t.Errorf("clipboard holds %q, want the snippet", clip)
	}
	if py := b.snippet("basic-try-2", "python"); !strings.Contains(py, "import requests") {
		t.Errorf("python snippet:\n%s", py)
	}
	b.screenshot("basic-try", "#basic-try-title")
}

func TestAPIKeyPageQuotaAndRevocation(t *testing.T) {
	b := uiBrowser(t)
	b.open("/apikey")
	b.setValue("#apikey-login-user", uniqueName("keys"))
	b.click("#apikey-login-submit")
	b.waitText("#apikey-login-status", "Logged in as")

	b.setValue("#apikey-quota", "2")
	b.click("#apikey-create")
	key := b.waitText("#apikey-secret", "alk_")
	b.waitText("#apikey-table", "demo key")

	b.click("#apikey-send-header")
	b.waitText("#quota-text", "1 of 2 left")
	if res := b.text("#apikey-send-0 .http-res"); !strings.Contains(res, "HTTP 200") {
		t.Fatalf("header send:\n%s", res)
	}
	b.click("#apikey-send-query")
	b.waitText("#quota-text", "0 of 2 left")
	res := b.text("#apikey-send-0 .http-res")
	if !strings.Contains(strings.ToLower(res), "warning: 299 authlab") {
		t.Errorf("the query send shows no Warning header:\n%s", res)
	}
	if req := b.text("#apikey-send-0 .http-req"); !strings.Contains(req, "?api_key="+key) {
		t.Errorf("query request:\n%s", req)
	}
	b.click("#apikey-send-header")
	b.waitText("#quota-over", "429 Too Many Requests")
	if over := b.text("#quota-over"); !strings.Contains(over, "Retry-After: ") {
		t.Errorf("429 note: %q", over)
	}
	if res := b.text("#apikey-send-0 .http-res"); !strings.Contains(res, "retry-after:") {
		t.Errorf("429 exchange lacks Retry-After:\n%s", res)
	}
	b.waitText("#apikey-history", "?api_key= query")
	b.screenshot("apikey-quota", "#apikey-send-title")

	b.click("#apikey-list")
	b.waitText("#apikey-table", "active")
	b.click(`#apikey-table button[id^="revoke-"]`)
	b.waitText("#apikey-table .state", "revoked")
	b.click("#apikey-send-header")
	b.waitText("#apikey-send-0 .http-res", "HTTP 401")
}

func TestBearerPageVariants(t *testing.T) {
	b := uiBrowser(t)
	b.open("/bearer-token")
	b.click("#bearer-missing")
	b.waitText("#bearer-result-0 .http-res", "HTTP 401")
	if desc := b.text("#bearer-result-0"); strings.Contains(desc, "param-error") {
		t.Errorf("a request without a token got an error code")
	}
	b.setValue("#bearer-login-user", uniqueName("bearer"))
	b.click("#bearer-login-submit")
	b.waitText("#bearer-login-status", "Logged in as")
	b.waitText("#bearer-expiry", "expires at")

	descriptions := map[string]string{}
	for _, tc := range []struct{ id, status, code string }{
		{"valid", "200", ""},
		{"missing", "401", ""},
		{"malformed", "400", "invalid_request"},
		{"expired", "401", "invalid_token"},
		{"tampered", "401", "invalid_token"},
		{"audience", "401", "invalid_token"},
	} {
		b.click("#bearer-" + tc.id)
		b.waitJS(`(document.querySelector(".variant")||{dataset:{}}).dataset.variant === ` + jsString(tc.id))
		if got := b.text("#bearer-result-0"); !strings.Contains(got, "→ "+tc.status) || !strings.Contains(got, "HTTP "+tc.status) {
			t.Errorf("%s: %s", tc.id, got)
		}
		hasCode := b.exists("#bearer-result-0 .param-error")
		switch {
		case tc.code == "" && hasCode:
			t.Errorf("%s: unexpected error code %s", tc.id, b.text("#bearer-result-0 .param-error"))
		case tc.code != "":
			if got := b.text("#bearer-result-0 .param-error"); got != tc.code {
				t.Errorf("%s: error = %q, want %q", tc.id, got, tc.code)
			}
		}
		if tc.status != "200" && !strings.Contains(b.text("#bearer-result-0 .http-res"), "www-authenticate: Bearer realm=") {
			t.Errorf("%s: no Bearer challenge", tc.id)
		}
		if tc.code == "invalid_token" {
			descriptions[tc.id] = b.text("#bearer-summary tbody tr:first-child td:last-child")
		}
	}
	// Expired, tampered and wrong audience each fail for their own reason.
	for id, want := range map[string]string{"expired": "expired", "tampered": "signature", "audience": "aud"} {
		if d := descriptions[id]; !strings.Contains(d, want) {
			t.Errorf("%s: error_description %q, want it to name %q", id, d, want)
		}
	}
	if n := b.count("#bearer-summary tbody tr"); n != 6 {
		t.Errorf("the summary lists %d answers, want 6", n)
	}
	b.screenshot("bearer-variants", "#bearer-send-title")

	// A pasted token, with the Bearer prefix people copy along.
	a := newAccount(t, "paste")
	b.setValue("#bearer-token", "Bearer "+a.access)
	b.click("#bearer-valid")
	b.waitJS(`document.querySelector(".variant").dataset.variant === "valid"`)
	b.waitText("#bearer-result-0", "→ 200")
	if got := b.text("#bearer-result-0 .http-req"); !strings.Contains(got, "Authorization: Bearer "+a.access+"\n") {
		t.Errorf("pasted token sent as:\n%s", got)
	}
}

func TestSessionPageCookieAndCrossSite(t *testing.T) {
	b := uiBrowser(t)
	b.open("/session")
	b.setValue("#session-user", uniqueName("sess"))
	b.click("#session-login")
	b.waitText("#session-step-0", "POST /session/login → 200")

	// Chromium treats http://127.0.0.1 as potentially trustworthy, so it
	// keeps a Secure, __Host- cookie from it: check what it stored.
	var found *network.Cookie
	for _, c := range b.cookies(baseURL + "/") {
		if c.Name == "__Host-authlab_session" {
			found = c
		}
	}
	if found == nil {
		t.Fatalf("chromium did not keep the __Host- session cookie from %s", baseURL)
	}
	if !found.Secure || !found.HTTPOnly || found.SameSite != network.CookieSameSiteLax || found.Path != "/" || !found.Session && found.Expires == 0 {
		t.Errorf("cookie attributes: %+v", found)
	}
	if got := b.text("#session-doc-cookie"); got != `"" (empty)` {
		t.Errorf("document.cookie = %s; HttpOnly must hide the cookie", got)
	}
	b.click("#session-me")
	b.waitText("#session-step-0", "GET /session/me → 200")

	// A form in a frame with an origin of its own posts to logout.
	b.click("#session-cross-open")
	b.run(chromedp.WaitVisible("#session-cross-frame", chromedp.ByQuery))
	frame := b.frameTab()
	frame.run(chromedp.WaitVisible("#cross-submit", chromedp.ByQuery), chromedp.Click("#cross-submit", chromedp.ByQuery))
	// The frame navigates to the answer, which shares the page's origin
	// (see session_cross.go): read it from the page until it shows.
	var body string
	for i := 0; i < 40 && !strings.Contains(body, "forbidden"); i++ {
		time.Sleep(250 * time.Millisecond)
		b.eval(`document.querySelector("#session-cross-frame")?.contentDocument?.body?.innerText || ""`, &body)
	}
	if !strings.Contains(body, "cross-site request from null refused") {
		t.Errorf("the other origin's logout got: %q", body)
	}
	sawNull := false
	for _, l := range []*uiLog{frame.log, b.log} {
		l.mu.Lock()
		for _, r := range l.requests {
			if strings.HasSuffix(r.URL, "/session/logout") && r.Headers["Origin"] == "null" {
				sawNull = true
			}
		}
		l.mu.Unlock()
	}
	if !sawNull {
		t.Error("the frame's request did not carry Origin: null")
	}
	b.screenshot("session-cross-site", "#session-cross-title")

	b.click("#session-me")
	b.waitText("#session-step-0", "GET /session/me → 200")
	b.click("#session-logout")
	b.waitText("#session-step-0", "POST /session/logout → 204")
	b.click("#session-me")
	b.waitText("#session-step-0", "GET /session/me → 401")
	b.screenshot("session", "#session-use-title")
}

func TestLearnLessons(t *testing.T) {
	b := uiBrowser(t)
	b.open("/learn")
	slugs := map[string]string{
		"api-keys": "#apikey-login", "basic": "#basic-user", "bearer": "#bearer-token", "jwt": "#peek-token",
		"oauth": "#pkce-challenge", "sessions": "#session-login", "best-practices": "", "jwt-attacks": "",
	}
	if n := b.count(".lessons li"); n != len(slugs) {
		t.Fatalf("%d lessons listed, want %d", n, len(slugs))
	}
	for slug, widget := range slugs {
		b.open("/learn/" + slug)
		if n := b.count("#mistakes li"); n < 4 {
			t.Errorf("%s: %d common mistakes", slug, n)
		}
		if widget != "" && !b.exists(widget) {
			t.Errorf("%s: no live widget %s", slug, widget)
		}
	}
	// Moving between lessons inside the app changes the lesson.
	b.open("/learn/api-keys")
	b.click(`.pager a[href$="/learn/basic"]`)
	b.waitText("h1", "HTTP Basic")
	b.click(`.pager a[href$="/learn/bearer"]`)
	b.waitText("h1", "Bearer tokens")
	var title string
	b.eval(`document.title`, &title)
	if title != "Bearer tokens — Authlab" {
		t.Errorf("title = %q", title)
	}
	b.open("/learn/oauth")
	challenge := b.text("#pkce-challenge")
	b.setValue("#pkce-verifier", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
	// The example of RFC 7636 Appendix B.
	b.waitText("#pkce-challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
	if challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" {
		t.Error("a fresh verifier gave the RFC's challenge")
	}
	learnJWTAttacks(t, b)
}

// jwtAttackCitations are the sections of the lesson on JWT attacks and
// the RFC sections each must cite.
var jwtAttackCitations = map[string][]string{
	"alg-none":      {"RFC 8725 §2.1, §3.1, §3.2"},
	"key-confusion": {"RFC 8725 §2.1, §3.1"},
	"kid-injection": {"RFC 8725 §3.10"},
	"jku-x5u":       {"RFC 8725 §3.10", "RFC 7515 §4.1.2, §4.1.5"},
	"embedded-jwk":  {"RFC 8725 §3.10", "RFC 7515 §4.1.3"},
	"weak-secret":   {"RFC 8725 §2.2, §3.5", "RFC 7518 §3.2"},
	"psychic":       {"RFC 8725 §3.4"},
	"claims":        {"RFC 8725 §3.8, §3.9", "RFC 7519 §4.1.1, §4.1.3, §4.1.4, §4.1.5"},
	"substitution":  {"RFC 8725 §2.7, §2.8, §3.11, §3.12", "RFC 9068 §2.1, §4"},
	"decode-only":   {"RFC 8725 §2.1, §3.3"},
}

// learnJWTAttacks checks that the lesson on JWT attacks has a section for
// every attack class of the lab, each with the attack, the mistake, its
// RFC sections, the fix and a link to its panel, and that a link lands on
// its panel of /attacks.
func learnJWTAttacks(t *testing.T, b *uiTab) {
	t.Helper()
	b.open("/learn/jwt-attacks")
	b.waitText("h1", "Attacks on JWT verifiers")
	if n := b.count(".attack-class"); n != len(jwtAttackCitations) {
		t.Errorf("%d attack sections, want %d", n, len(jwtAttackCitations))
	}
	for id, cites := range jwtAttackCitations {
		sec := "#learn-" + id
		if !b.exists(sec) {
			t.Errorf("no section %s", sec)
			continue
		}
		if n := b.count(sec + " dd"); n != 4 {
			t.Errorf("%s: %d facts, want attack, mistake, RFC and fix", sec, n)
		}
		rfc := b.text(sec + " .rfc")
		for _, c := range cites {
			if !strings.Contains(rfc, c) {
				t.Errorf("%s cites %q, want %q", sec, rfc, c)
			}
		}
		if n := b.count(sec + ` a[href*="/attacks#attack-"]`); n == 0 {
			t.Errorf("%s links to no panel of the lab", sec)
		}
	}
	// Every link names a panel the lab has.
	var missing []string
	b.eval(`(async () => { const ids = [...document.querySelectorAll('.attack-class a[href*="/attacks#"]')].map(a => new URL(a.href).hash.slice(1));
		const html = await (await fetch("/attacks")).text();
		return ids.filter(id => !html.includes('id="' + id + '"')); })()`, &missing)
	if len(missing) > 0 {
		t.Errorf("links to panels the lab does not have: %v", missing)
	}
	b.click(`#learn-embedded-jwk a[href$="/attacks#attack-jwk"]`)
	b.waitText("h1", "JWT attack lab")
	b.waitJS(`(() => { const p = document.querySelector("#attack-jwk"); if (!p || location.hash !== "#attack-jwk") return false;
		const r = p.getBoundingClientRect(); return window.scrollY > 0 && r.top >= -1 && r.top < 50; })()`)
}
