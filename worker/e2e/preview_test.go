//go:build e2e

package e2e_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// holdWasm keeps the request for app.wasm waiting until release is
// called, so that a test can use the prerendered page for as long as it
// needs: the tab is made as prerendered makes it, which holds app.wasm's
// request past the service worker, and the held request is kept here to
// be let go.
func holdWasm(t *testing.T, tab *uiTab) *wasmHold {
	t.Helper()
	h := &wasmHold{t: t, tab: tab, held: make(chan fetch.RequestID, 1)}
	chromedp.ListenTarget(tab.ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			h.held <- e.RequestID
		}
	})
	tab.prerendered()
	return h
}

// wasmHold is the held request for app.wasm.
type wasmHold struct {
	t    *testing.T
	tab  *uiTab
	held chan fetch.RequestID
	id   fetch.RequestID
	got  bool
}

// asked waits until the page has asked for app.wasm, which it does once
// the prerendered page's first paint has been reported (web/loader.js).
func (h *wasmHold) asked() {
	h.t.Helper()
	if h.got {
		return
	}
	select {
	case h.id = <-h.held:
		h.got = true
	case <-time.After(30 * time.Second):
		h.t.Fatal("the page never asked for app.wasm")
	}
}

// release lets app.wasm's request go on.
func (h *wasmHold) release() {
	h.t.Helper()
	h.asked()
	h.tab.run(fetch.ContinueRequest(h.id))
}

// TestJWTPreviewBeforeWasm checks the prerendered JWT workbench while
// app.wasm is held back: a pasted token's header and payload are decoded
// there, strictly, and the early checker (web/quickcheck.js) verifies it
// with the key typed: a wrong key is refused, the right one verifies, and
// a changed token is never shown with the verdict of the one before. The
// only requests are the checker's own files, none of which carries the
// token or the key. When app.wasm has started, the token and key typed
// into the prerendered page are in the live workbench, which verifies
// them, and the field typed into last still has the focus.
func TestJWTPreviewBeforeWasm(t *testing.T) {
	tab := uiBrowser(t)
	wasm := holdWasm(t, tab)
	const (
		token  = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8"
		secret = "bench-secret-of-thirty-two-bytes"
	)
	tab.run(chromedp.Navigate(baseURL+"/jwt"), chromedp.WaitVisible("#token", chromedp.ByQuery))
	text := func(sel string) string {
		var s string
		tab.run(chromedp.Evaluate(`(document.querySelector(`+jsString(sel)+`)||{}).textContent||""`, &s))
		return s
	}
	wasm.asked() // after the first paint
	before := len(tab.log.urls())

	// A malformed token: each broken segment is named.
	tab.run(pasteToken("#token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi!.sig"), chromedp.WaitVisible("#preview .problems", chromedp.ByQuery))
	if p := text("#preview .problems"); !strings.Contains(p, "payload") || !strings.Contains(p, `"!"`) {
		t.Errorf("problems = %q, want the payload and the bad character named", p)
	}
	if h := text("#header"); h != "{\n  \"alg\": \"HS256\"\n}" {
		t.Errorf("header of the malformed token = %q", h)
	}
	for _, bad := range []string{
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In1=.sig",   // padding
		"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In1.sig",    // stray bits in the last character
		"eyJhbGciOiJIUzI1NiJ9._w.sig",                 // not UTF-8
		"eyJhbGciOiJIUzI1NiJ9.WzFd.sig",               // [1], not an object
		"eyJhbGciOiJIUzI1NiJ9.eyJhIjoxLCJhIjoyfQ.sig", // {"a":1,"a":2}, a member twice
	} {
		tab.run(chromedp.Evaluate(`document.getElementById("token").select()`, nil), pasteToken("#token", bad))
		if p := text("#preview .problems"); !strings.Contains(p, "payload") {
			t.Errorf("%s: problems = %q, want the payload refused", bad, p)
		}
	}

	// A good token, with a Bearer prefix, and its key.
	tab.run(
		chromedp.Evaluate(`document.getElementById("token").select()`, nil),
		pasteToken("#token", "Bearer "+token),
		pasteToken("#key", secret),
	)
	if p := text("#payload"); p != "{\n  \"sub\": \"user-42\",\n  \"name\": \"Grace Hopper\",\n  \"exp\": 4102444800\n}" {
		t.Errorf("payload = %q", p)
	}
	if h := text("#header"); !strings.Contains(h, `"typ": "JWT"`) {
		t.Errorf("header = %q", h)
	}
	if p := text("#preview .problems"); p != "" {
		t.Errorf("a good token has problems: %q", p)
	}
	// The early checker verifies it, before app.wasm.
	verdict := func(want string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(tab.ctx, 30*time.Second)
		defer cancel()
		if err := chromedp.Run(ctx, chromedp.WaitVisible(`#verdict[data-state="`+want+`"] .verdict-reason`, chromedp.ByQuery)); err != nil {
			t.Fatalf("the prerendered verdict never said %s: %v (verdict %q)", want, err, text("#verdict"))
		}
	}
	verdict("valid")
	if v := text("#verdict .verdict-title"); v != "Signature verified" {
		t.Errorf("early verdict title = %q", v)
	}
	if n := text("#preview .note"); !strings.Contains(n, "checked while the tools load") {
		t.Errorf("note = %q, want it to say the token was checked", n)
	}
	if !tab.exists("#app-wasm-loader") {
		t.Fatal("the live page was mounted while app.wasm was held")
	}
	// A wrong key is refused; the token changed is first "Checking", never
	// the former verdict.
	tab.run(chromedp.Evaluate(`document.getElementById("key").select()`, nil), pasteToken("#key", secret+"!"))
	verdict("invalid")
	if r := text("#verdict .verdict-reason"); !strings.Contains(r, "signature") {
		t.Errorf("wrong key: reason %q", r)
	}
	var pending string
	tab.run(chromedp.Evaluate(`document.getElementById("key").select()`, nil), pasteToken("#key", secret),
		chromedp.AttributeValue("#verdict", "data-state", &pending, nil, chromedp.ByQuery))
	if pending == "invalid" {
		t.Errorf("the key changed, and the verdict still shows the former key's")
	}
	verdict("valid")
	// Emptied, the token has the verdict the page was rendered with; the
	// same token pasted again is checked again.
	rendered := "Paste a token, or load an example."
	tab.run(chromedp.Evaluate(`document.getElementById("token").select(); document.execCommand("delete")`, nil))
	verdict("unverified")
	if r := text("#verdict .verdict-reason"); r != rendered {
		t.Errorf("emptied token: reason %q, want %q", r, rendered)
	}
	tab.run(pasteToken("#token", "Bearer "+token))
	verdict("valid")

	// The held request for app.wasm may reach the log after before was
	// read; any other request is the early checker's.
	var made []string
	for _, u := range tab.log.urls()[before:] {
		if strings.HasSuffix(u, "/web/app.wasm") {
			continue
		}
		if strings.Contains(u, secret) || strings.Contains(u, "eyJ") {
			t.Errorf("a request carried the token or key: %s", u)
		}
		if !strings.HasSuffix(u, "/web/quickcheck.js") && !strings.HasSuffix(u, "/web/quickcheck.wasm") && !strings.HasSuffix(u, "/wasm_exec.js") {
			made = append(made, u)
		}
	}
	if len(made) > 0 {
		t.Errorf("decoding and checking made requests: %v", made)
	}

	// app.wasm arrives: the live workbench has the token and the key.
	wasm.release()
	ctx, cancel := context.WithTimeout(tab.ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, waitForApp,
		chromedp.WaitVisible(`#verdict[data-state="valid"]`, chromedp.ByQuery)); err != nil {
		t.Fatalf("the live workbench did not verify the handed-over token: %v (verdict %q)", err, text("#verdict"))
	}
	var got struct{ Token, Key, Focus string }
	tab.run(chromedp.Evaluate(`({token: document.getElementById("token").value, key: document.getElementById("key").value,
		focus: (document.activeElement||{}).id || ""})`, &got))
	if got.Token != "Bearer "+token || got.Key != secret {
		t.Errorf("handed over token %q, key %q", got.Token, got.Key)
	}
	if got.Focus != "token" {
		t.Errorf("focus on %q, want #token, the field typed into last", got.Focus)
	}
	if n := text("#preview"); n != "" {
		t.Errorf("the preview is still shown: %q", n)
	}
	if p := text("#payload"); !strings.Contains(p, `"name": "Grace Hopper"`) {
		t.Errorf("live payload = %q", p)
	}
	// From now on the page is the live workbench alone.
	tab.run(chromedp.Evaluate(`document.getElementById("token").select()`, nil), pasteToken("#token", "x.y"))
	if p := text("#preview"); p != "" {
		t.Errorf("the preview decodes on the live page: %q", p)
	}
	if problems := tab.log.problemList(); len(problems) > 0 {
		t.Errorf("console: %v", problems)
	}
}
