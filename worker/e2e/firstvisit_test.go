//go:build e2e

package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// jwtIODemo is jwt.io's own example token, HS256 with the secret
// "your-256-bit-secret": the most pasted token there is.
const (
	jwtIODemo       = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
	jwtIODemoSecret = "your-256-bit-secret"
)

// TestJWTIODemoTokenVerdict checks that jwt.io's demo token with its own
// secret is told as what it is, a matching signature with a secret too
// short to be safe, and that a tampered copy with the same secret is told
// apart: it does not match.
func TestJWTIODemoTokenVerdict(t *testing.T) {
	ctx, _ := openJWT(t, "")
	chromedp.Run(ctx, pasteToken("#token", jwtIODemo), pasteToken("#key", jwtIODemoSecret))
	text := verdict(t, ctx, "weak-key", "matches", "too short", "RFC 7518 §3.2")
	if strings.Contains(text, "does not match") {
		t.Errorf("the demo token's verdict says it does not match: %q", text)
	}
	saveScreenshot(t, ctx, "jwt-demo-token", "#token")
	parts := strings.Split(jwtIODemo, ".")
	tampered := parts[0] + ".eyJzdWIiOiJhZG1pbiJ9." + parts[2]
	chromedp.Run(ctx, chromedp.Evaluate(`document.getElementById("token").select()`, nil), pasteToken("#token", tampered))
	verdict(t, ctx, "invalid", "does not match")
}

// TestSignAndVerifyReadSecretsAlike checks that signing and verifying read
// a secret the same way by default, in the prerendered page and the live
// one: a secret typed into both panes verifies what the sign pane signed.
func TestSignAndVerifyReadSecretsAlike(t *testing.T) {
	tab := uiBrowser(t)
	wasm := holdWasm(t, tab)
	tab.run(chromedp.Navigate(baseURL+"/jwt"), chromedp.WaitVisible("#token", chromedp.ByQuery))
	var shown []string
	tab.run(chromedp.Evaluate(`["#key-encoding", "#sign-key-encoding"].map(s => { const e = document.querySelector(s); return e ? e.options[e.selectedIndex].textContent : "missing"; })`, &shown))
	if strings.Join(shown, ",") != "UTF-8 text,UTF-8 text" {
		t.Errorf("the prerendered encodings show %q, want UTF-8 text for both", shown)
	}
	wasm.release()
	const secret = "a UTF-8 secret of more than thirty-two bytes"
	ctx, cancel := context.WithTimeout(tab.ctx, 90*time.Second)
	defer cancel()
	tab.run(waitForApp)
	var live []string
	tab.run(chromedp.Evaluate(`[document.querySelector("#key-encoding").value, document.querySelector("#sign-key-encoding").value]`, &live))
	if strings.Join(live, ",") != "utf8,utf8" {
		t.Errorf("the live encodings are %q, want utf8 for both", live)
	}
	if err := chromedp.Run(ctx,
		pasteToken("#sign-key", jwtIODemoSecret),
		clickSteady("#sign"),
		chromedp.WaitVisible("#sign-error", chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	var problem string
	tab.run(chromedp.Text("#sign-error", &problem, chromedp.ByQuery))
	if strings.Contains(problem, "base64") || !strings.Contains(problem, "32 bytes") {
		t.Errorf("signing with the 19-byte demo secret says %q, want its length refused", problem)
	}
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("sign-key").select()`, nil),
		pasteToken("#sign-key", secret),
		clickSteady("#sign"),
		chromedp.Poll(`(document.querySelector("#signed")||{}).value > ""`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		clickSteady("#use-signed"),
		chromedp.Evaluate(`document.getElementById("key").select()`, nil),
		pasteToken("#key", secret),
	); err != nil {
		t.Fatal(err)
	}
	verdict(t, ctx, "valid", "UTF-8")
}

// TestControlsWaitForWasm checks that before app.wasm has started, every
// control of the prerendered page that needs it is disabled and described
// by the loader's progress, and that the live page's controls work.
func TestControlsWaitForWasm(t *testing.T) {
	for _, path := range []string{"/basic", "/jwt"} {
		// A fresh browser each time: the service worker would serve
		// app.wasm to the second page without a request to hold.
		tab := uiBrowser(t)
		wasm := holdWasm(t, tab)
		tab.run(chromedp.Navigate(baseURL+path), chromedp.WaitVisible("main", chromedp.ByQuery))
		var live []string
		tab.run(chromedp.Evaluate(`[...document.querySelectorAll(".shell button, .shell select, .shell input, .shell textarea")]
			.filter(e => !e.disabled && !(e.id === "token" || e.id === "key")).map(e => e.id || e.textContent)`, &live))
		if len(live) > 0 {
			t.Errorf("%s: before app.wasm these controls look ready: %v", path, live)
		}
		var why string
		tab.run(chromedp.Evaluate(`(() => { const b = document.querySelector(".shell main button");
			const d = b && document.getElementById(b.getAttribute("aria-describedby") || "");
			return b ? b.title + " / " + (d ? d.getAttribute("aria-label") : "") : "no button"; })()`, &why))
		if !strings.Contains(why, "once the tools have loaded") || !strings.Contains(why, "Loading") {
			t.Errorf("%s: a waiting button says %q", path, why)
		}
		wasm.release()
		tab.run(waitForApp)
		var disabled []string
		tab.run(chromedp.Evaluate(`[...document.querySelectorAll("main button:disabled")].map(e => e.id)`, &disabled))
		for _, id := range disabled {
			if id == "basic-try" || id == "sign" || id == "example" {
				t.Errorf("%s: #%s is still disabled once app.wasm runs", path, id)
			}
		}
	}
}

// TestLiveTitlesNameThePage checks that once app.wasm runs, every page's
// document title names the page by its h1 (WCAG 2.4.2).
func TestLiveTitlesNameThePage(t *testing.T) {
	b := uiBrowser(t)
	for p, h1 := range pageTitles {
		b.open(p)
		var title string
		b.eval(`document.title`, &title)
		if !strings.Contains(title, h1) || title == "Authlab — Authlab" {
			t.Errorf("%s: title %q, want it to name %q", p, title, h1)
		}
	}
}

// TestStaleResultsCleared checks that what was derived from an input goes
// when that input changes: the signed token when a new key is generated,
// the lint's "no findings" for a token that could not be decoded, and a
// client-credentials token's countdown once the token request fails.
func TestStaleResultsCleared(t *testing.T) {
	b := uiBrowser(t)
	b.open("/jwt")
	b.setValue("#sign-key", "a UTF-8 secret of more than thirty-two bytes")
	b.click("#sign")
	b.waitJS(`!!document.querySelector("#signed")`)
	b.setSelect("#gen-kind", "Ed25519")
	b.click("#generate")
	b.waitJS(`(document.querySelector("#generated")||{dataset:{}}).dataset.alg === "EdDSA"`)
	if b.exists("#signed") {
		t.Errorf("the HS256 token signed before stays under a new Ed25519 key: %q", b.textNow("#signed"))
	}

	b.setValue("#token", "not-a-token.at-all")
	b.waitJS(`!!document.querySelector("#lint-none")`)
	if b.exists("#lint-clean") || !strings.Contains(b.text("#lint-none"), "could not be decoded") {
		t.Errorf("an undecodable token's lint reads %q", b.textNow(".lint"))
	}

	b.open("/oauth")
	b.click("#cc-token")
	b.waitJS(`!!document.querySelector("#cc-countdown")`)
	b.setValue("#cc-secret", "a wrong secret")
	b.click("#cc-token")
	b.waitJS(`(document.querySelector("#x-cc-token-response")||{textContent:""}).textContent.includes("401")`)
	if b.exists("#cc-countdown") {
		t.Errorf("after a 401 the panel still says the token is %q", b.textNow("#cc-countdown"))
	}
}
