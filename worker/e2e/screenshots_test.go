//go:build e2e

package e2e_test

import (
	"context"
	"strings"
	"testing"

	"github.com/authlab/authlab/worker/netthrottle"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// sitePages are the pages of the site and the names of their screenshots.
var sitePages = []struct{ path, name string }{
	{"/", "home"}, {"/jwt", "jwt"}, {"/basic", "basic"}, {"/apikey", "apikey"}, {"/bearer-token", "bearer"},
	{"/oauth", "oauth"}, {"/session", "session-page"}, {"/attacks", "attacks"}, {"/learn", "learn"},
	{"/learn/api-keys", "learn-api-keys"}, {"/learn/basic", "learn-basic"}, {"/learn/bearer", "learn-bearer"},
	{"/learn/jwt", "learn-jwt"}, {"/learn/oauth", "learn-oauth"}, {"/learn/sessions", "learn-sessions"},
	{"/learn/best-practices", "learn-best-practices"}, {"/learn/jwt-attacks", "learn-jwt-attacks"},
}

func darkScheme() chromedp.Action {
	return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}})
}

// a11yProblems lists form controls without a label, buttons without a
// name, and more than one h1.
const a11yProblems = `(() => {
	const out = [];
	for (const e of document.querySelectorAll("input, textarea, select")) {
		if (e.type === "hidden") continue;
		if (!(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
			out.push("unlabelled " + e.tagName.toLowerCase() + "#" + e.id);
	}
	for (const e of document.querySelectorAll("button")) {
		if (!e.textContent.trim() && !e.getAttribute("aria-label")) out.push("nameless button#" + e.id);
	}
	const h1 = document.querySelectorAll("h1").length;
	if (h1 !== 1) out.push(h1 + " h1 elements");
	if (document.documentElement.scrollWidth > window.innerWidth) out.push("wider than the window: " + document.documentElement.scrollWidth + "px");
	return out;
})()`

// TestEveryPage saves a screenshot of every page, and checks on each that
// every control is labelled and that nothing overflows, at 1280 px and at
// 375 px.
func TestEveryPage(t *testing.T) {
	b := uiBrowser(t)
	b.run(darkScheme())
	for _, p := range sitePages {
		t.Run(p.name, func(t *testing.T) {
			b.t = t
			b.open(p.path)
			var problems []string
			b.eval(a11yProblems, &problems)
			for _, pr := range problems {
				t.Errorf("%s: %s", p.path, pr)
			}
			var title string
			b.eval(`document.title`, &title)
			if !strings.Contains(title, "Authlab") {
				t.Errorf("%s: title %q", p.path, title)
			}
			b.screenshot(p.name, "")

			b.run(emulation.SetDeviceMetricsOverride(375, 812, 2, true))
			b.open(p.path)
			b.eval(a11yProblems, &problems)
			for _, pr := range problems {
				t.Errorf("%s at 375 px: %s", p.path, pr)
			}
			b.run(emulation.SetDeviceMetricsOverride(1280, 800, 1, false))
		})
	}
	b.t = t
	// Opening pages sends nothing to the demo server, and nothing at all to
	// another origin; the policy is never violated.
	if got := b.apiRequests(); len(got) != 0 {
		t.Errorf("pages made requests without a click: %v", got)
	}
	for _, u := range b.log.urls() {
		if !strings.HasPrefix(u, baseURL+"/") && !strings.HasPrefix(u, "data:") {
			t.Errorf("request to another origin: %s", u)
		}
	}
	for _, p := range b.log.problemList() {
		if strings.Contains(p, "Content Security Policy") || strings.Contains(p, "exception") {
			t.Errorf("console: %s", p)
		}
	}
	b.run(emulation.SetDeviceMetricsOverride(375, 812, 2, true))
	b.open("/basic")
	b.click("#basic-try")
	b.waitText("#basic-try-2 .http-res", "HTTP 200")
	var overflow bool
	b.eval(`document.documentElement.scrollWidth > 375`, &overflow)
	if overflow {
		t.Error("/basic overflows 375 px once the exchanges show")
	}
	b.run(emulation.SetDeviceMetricsOverride(375, 812, 1, true))
	b.screenshot("mobile-basic", "#basic-try-title")
}

// TestKeyboardAndFocus uses the Basic page with the keyboard alone.
func TestKeyboardAndFocus(t *testing.T) {
	b := uiBrowser(t)
	b.open("/basic")
	press := func(key string) { b.run(chromedp.KeyEvent(key)) }
	active := func() (id, tag, outline string) {
		var out []string
		b.eval(`(() => { const e = document.activeElement; const s = getComputedStyle(e); return [e.id, e.tagName, s.outlineStyle + " " + s.outlineWidth]; })()`, &out)
		return out[0], out[1], out[2]
	}
	press(kb.Tab)
	if _, tag, outline := active(); tag != "A" || strings.HasPrefix(outline, "none") {
		t.Fatalf("first Tab: %s with outline %q; want the skip link, visibly focused", tag, outline)
	}
	press(kb.Enter)
	if id, _, _ := active(); id != "content" {
		t.Errorf("the skip link moved focus to %q, not to the content", id)
	}
	// Tab until the user-id field, and type.
	for i := 0; i < 30; i++ {
		if id, _, _ := active(); id == "basic-user" {
			break
		}
		press(kb.Tab)
	}
	id, _, outline := active()
	if id != "basic-user" || strings.HasPrefix(outline, "none") {
		t.Fatalf("focus on %q (outline %q), want a visibly focused #basic-user", id, outline)
	}
	press(kb.End)
	press("!")
	b.waitText("#basic-header", "Basic QWxhZGRpbiE6b3BlbiBzZXNhbWU=")
	for i := 0; i < 30; i++ {
		if id, _, _ := active(); id == "basic-try" {
			break
		}
		press(kb.Tab)
	}
	press(kb.Enter)
	b.waitText("#basic-try-2 .http-res", "HTTP 200")
}

// TestThemeToggle switches to the light theme, which survives a reload.
func TestThemeToggle(t *testing.T) {
	b := uiBrowser(t)
	b.run(darkScheme())
	b.open("/")
	var before, after, theme string
	b.eval(`getComputedStyle(document.body).backgroundColor`, &before)
	b.click("#theme-toggle")
	b.waitJS(`document.documentElement.dataset.theme === "light"`)
	b.eval(`getComputedStyle(document.body).backgroundColor`, &after)
	if before == after {
		t.Errorf("the background stayed %s", before)
	}
	b.open("/learn")
	b.eval(`document.documentElement.dataset.theme`, &theme)
	if theme != "light" {
		t.Errorf("after a reload the theme is %q", theme)
	}
	b.screenshot("learn-light", "")
	if label := b.text("#theme-toggle"); label != "Dark theme" {
		t.Errorf("toggle label %q", label)
	}
}

// TestLoadingBar loads a page over a slow link: the prerendered page is
// readable at once, under a progress bar that fills as app.wasm arrives.
func TestLoadingBar(t *testing.T) {
	b := uiBrowser(t)
	b.run(chromedp.ActionFunc(func(ctx context.Context) error { return netthrottle.Set(ctx, 20, 4<<20) }))
	b.run(chromedp.Navigate(baseURL+"/learn/basic"), chromedp.WaitVisible("h1", chromedp.ByQuery))
	var heading string
	b.eval(`document.querySelector("h1").innerText`, &heading)
	if heading != "HTTP Basic" {
		t.Fatalf("prerendered h1 = %q", heading)
	}
	b.waitJS(`(() => { const l = document.getElementById("app-wasm-loader-label"); return !!l && l.getAttribute("role") === "progressbar" && +l.getAttribute("aria-valuenow") > 0; })()`)
	var state struct {
		Height float64 `json:"height"`
		Now    string  `json:"now"`
		Hit    string  `json:"hit"`
	}
	b.eval(`(() => { const l = document.getElementById("app-wasm-loader"); const h = document.querySelector("h1").getBoundingClientRect();
		return {height: l.getBoundingClientRect().height, now: l.getAttribute("aria-valuenow"),
			hit: document.elementFromPoint(h.left + 5, h.top + h.height / 2).tagName}; })()`, &state)
	if state.Height > 40 || state.Hit != "H1" {
		t.Errorf("the loader covers the page: %+v", state)
	}
	b.screenshot("loading", "")
	b.run(chromedp.ActionFunc(func(ctx context.Context) error { return netthrottle.Set(ctx, 0, -1) }), waitForApp)
}
