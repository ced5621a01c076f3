//go:build e2e

package e2e_test

import (
	"crypto/rand"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// auditPages are every page of the site: the pages of the screenshots and
// the redirect URI of the pages' OAuth client.
var auditPages = append(sitePages[:len(sitePages):len(sitePages)], struct{ path, name string }{"/oauth/callback", "oauth-callback"})

// auditStates are pages as a user leaves them after using them: the JWT
// workbench with a token and the key that verifies it, the session page
// with another site's request refused, the OAuth callback page with an
// expired code, and the OAuth page with a provider's requests built.
var auditStates = []struct {
	name, path string
	do         func(b *uiTab)
}{
	{"jwt-es256-example", "/jwt", func(b *uiTab) {
		b.click("#example-es256")
		b.waitJS(`document.querySelector("#verdict").dataset.state === "valid" && !!document.querySelector("#key-info")`)
	}},
	{"jwt-long-kid", "/jwt", func(b *uiTab) {
		token, jwk := longKidToken(b.t)
		b.setValue("#token", token)
		b.setValue("#key", jwk)
		b.waitJS(`document.querySelector("#verdict").dataset.state === "valid" && document.querySelector("#key-info").innerText.includes("kid")`)
	}},
	{"jwt-discovered", "/jwt", func(b *uiTab) {
		name := uniqueName("axe")
		register(b.t, name, "correct horse battery staple")
		b.setValue("#token", login(b.t, name, "correct horse battery staple"))
		b.eval(`document.querySelector("details.jwks").open = true`, nil)
		b.click("#fetch-jwks")
		b.waitJS(`document.querySelector("#verdict").dataset.state === "valid" && !!document.querySelector("#discovered-key")`)
	}},
	{"jwt-jwe-decrypted", "/jwt", func(b *uiTab) {
		var jose joseFixtures
		readFixture(b.t, "jose.json", &jose)
		f := jose.Tokens[0]
		b.setValue("#token", f.Token)
		b.waitJS(`!!document.querySelector("#jwe-key")`)
		b.setValue("#jwe-key", string(f.Key.JWK))
		b.eval(`document.querySelectorAll("details#jwe-encrypt, details#authjs").forEach(d => d.open = true)`, nil)
		b.waitJS(`!!document.querySelector("#jwe-enc-plaintext") && !!document.querySelector("#authjs-cookie")`)
		b.waitJS(`!!document.querySelector("#jwe-plaintext")`)
	}},
	{"attacks-used", "/attacks", func(b *uiTab) {
		b.click("#lab-load")
		b.waitJS(`!!document.querySelector("#lab-loaded")`)
		b.click("#attack-none-build")
		b.click("#attack-none-send")
		b.waitJS(`!!document.querySelector("#attack-none-strict")`)
	}},
	{"session-cross-refused", "/session", func(b *uiTab) {
		b.click("#session-cross-open")
		b.run(chromedp.WaitVisible("#session-cross-frame", chromedp.ByQuery))
		b.frameTab().run(chromedp.WaitVisible("#cross-submit", chromedp.ByQuery), chromedp.Click("#cross-submit", chromedp.ByQuery))
		b.waitText("#session-cross-result", "403")
	}},
	{"oauth-code-expired", "/oauth", func(b *uiTab) {
		user, password := walkToAccount(b, "2")
		walkConsent(b, user, password)
		b.waitText("#code-expired", "The code has expired")
	}},
	{"oauth-google-preset", "/oauth", func(b *uiTab) {
		b.click("#preset-google")
		b.waitJS(`(document.querySelector("#preset-output")||{dataset:{}}).dataset.provider === "Google"`)
	}},
}

// longKidToken signs an ES256 token with a fresh key whose kid is, like
// the RFC 7638 thumbprints the ES256 example uses, 43 characters long, and
// has no hyphen where a line could break. It returns the key as a JWK.
func longKidToken(t *testing.T) (token, jwk string) {
	t.Helper()
	k, err := keys.GenerateFor("ES256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k.Kid = strings.ReplaceAll(k.Kid, "-", "_")
	token, err = jot.SignJSON([]byte(`{"alg":"ES256","typ":"JWT","kid":"`+k.Kid+`"}`), []byte(liveClaims()), k)
	if err != nil {
		t.Fatal(err)
	}
	j, err := keys.MarshalJWK(k, false)
	if err != nil {
		t.Fatal(err)
	}
	return token, string(j)
}

// colorScheme makes the pages see prefers-color-scheme: light or dark,
// which picks the theme when the visitor has not chosen one.
func colorScheme(name string) chromedp.Action {
	return emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: name}})
}

// prerendered makes the tab show pages as they are before app.wasm runs:
// every request for app.wasm waits, past the service worker (which,
// installing meanwhile, may have fetched app.wasm itself and claimed the
// page), so the prerendered page and web/loader.js's progress bar stay.
// Nothing is released unless holdWasm keeps the request to let it go.
func (b *uiTab) prerendered() {
	b.t.Helper()
	b.run(network.SetBypassServiceWorker(true),
		fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*/web/app.wasm"}}))
}

// openPrerendered navigates to u in a tab made by prerendered, and checks
// that app.wasm has not replaced the page.
func (b *uiTab) openPrerendered(u string) {
	b.t.Helper()
	b.run(chromedp.Navigate(u), chromedp.WaitReady("#app-wasm-loader", chromedp.ByID))
	b.waitJS(`document.readyState === "complete"`)
}

// axeViolation is one rule of axe-core that the page breaks, with the
// selectors of the nodes that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s; %d nodes: %s", v.ID, v.Impact, v.Help, len(v.Nodes), strings.Join(v.Nodes, " | "))
}

// quiet waits until the page's DOM has not changed for 250 ms (at most
// 10 s): go-app renders again right after the loader goes, for what the
// components do on mount.
func (b *uiTab) quiet() {
	b.t.Helper()
	b.eval(`new Promise(done => {
		let timer;
		const obs = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(stop, 250); });
		const stop = () => { obs.disconnect(); clearTimeout(limit); done(); };
		const limit = setTimeout(stop, 10000);
		obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
		timer = setTimeout(stop, 250);
	})`, nil)
}

var axeSource string

// axe runs axe-core, from worker/node_modules, on the page with its
// default rules, and returns what it found.
func (b *uiTab) axe() []axeViolation {
	b.t.Helper()
	if axeSource == "" {
		src, err := os.ReadFile(filepath.Join(workerDir(), "node_modules", "axe-core", "axe.min.js"))
		if err != nil {
			b.t.Fatalf("axe-core is not installed (make npm): %v", err)
		}
		axeSource = string(src)
	}
	b.quiet()
	var loaded bool
	b.eval(`typeof axe === "object"`, &loaded)
	if !loaded {
		b.run(chromedp.Evaluate(axeSource, nil))
	}
	var out []axeViolation
	b.eval(`axe.run(document).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || "", help: v.help,
		nodes: v.nodes.map(n => n.target.flat(Infinity).join(" ")),
	})))`, &out)
	return out
}

// checkAxe fails the test for every violation on the page.
func (b *uiTab) checkAxe(where string) {
	b.t.Helper()
	for _, v := range b.axe() {
		b.t.Errorf("%s: %s", where, v)
	}
}

// themes are the ways the page gets its theme: from the system's
// preference, or from the visitor's choice with the toggle, which
// overrides the other one.
var themes = []struct{ name, system, chosen string }{
	{"light", "light", ""},
	{"dark", "dark", ""},
	{"light chosen", "dark", "light"},
	{"dark chosen", "light", "dark"},
}

// checkAxeThemes runs axe on the page in the light and the dark theme,
// and, when toggle is set, in each theme chosen with the toggle against
// the system's preference.
func (b *uiTab) checkAxeThemes(where string, toggle bool) {
	b.t.Helper()
	for _, th := range themes {
		if th.chosen != "" && !toggle {
			continue
		}
		b.run(colorScheme(th.system))
		if th.chosen != "" {
			b.click("#theme-toggle")
			b.waitJS(`document.documentElement.dataset.theme === ` + jsString(th.chosen))
		}
		b.checkAxe(where + ", " + th.name + " theme")
		if th.chosen != "" {
			b.eval(`localStorage.removeItem("authlab-theme"); delete document.documentElement.dataset.theme`, nil)
		}
	}
}

// TestAxeLivePages runs axe-core on every page once app.wasm has
// rendered it, in both themes.
func TestAxeLivePages(t *testing.T) {
	b := uiBrowser(t)
	for _, p := range auditPages {
		t.Run(p.name, func(t *testing.T) {
			b.t = t
			b.open(p.path)
			b.checkAxeThemes(p.path+" live", false)
		})
	}
}

// TestAxePrerenderedPages runs axe-core on every page as it is before
// app.wasm runs: the prerendered HTML under the loader's progress bar.
func TestAxePrerenderedPages(t *testing.T) {
	b := uiBrowser(t)
	b.prerendered()
	for _, p := range auditPages {
		t.Run(p.name, func(t *testing.T) {
			b.t = t
			b.openPrerendered(baseURL + p.path)
			b.checkAxeThemes(p.path+" prerendered", false)
			if !b.exists("#app-wasm-loader") {
				t.Fatalf("%s: app.wasm ran; the prerendered page was not what was checked", p.path)
			}
		})
	}
}

// TestAxeUsedPages runs axe-core on the pages a user has worked on, in
// every theme, chosen either way.
func TestAxeUsedPages(t *testing.T) {
	b := uiBrowser(t)
	for _, s := range auditStates {
		t.Run(s.name, func(t *testing.T) {
			b.t = t
			b.open(s.path)
			s.do(b)
			b.checkAxeThemes(s.path+" ("+s.name+")", true)
		})
	}
}

// TestAxeNotFoundPage runs axe-core on the static site's 404 page, live
// and prerendered, in both themes.
func TestAxeNotFoundPage(t *testing.T) {
	s := buildSite(t)
	port := s.srv.Listener.Addr().(*net.TCPAddr).Port
	flags := []chromedp.ExecAllocatorOption{
		chromedp.Flag("host-resolver-rules", "MAP "+siteHost+":443 127.0.0.1:"+itoa(port)),
		chromedp.Flag("ignore-certificate-errors-spki-list", s.spki),
	}
	t.Run("live", func(t *testing.T) {
		b := uiBrowser(t, flags...)
		b.openURL(s.url("/nope"))
		b.waitText("#missing-path", "/authlab/nope")
		b.checkAxeThemes("/nope live", false)
	})
	t.Run("prerendered", func(t *testing.T) {
		b := uiBrowser(t, flags...)
		b.prerendered()
		b.openPrerendered(s.url("/nope"))
		b.checkAxeThemes("/nope prerendered", false)
	})
}

// pageWidth is how wide a page is laid out against its viewport, and the
// element that sticks out furthest when it is wider.
type pageWidth struct {
	ScrollWidth int    `json:"scrollWidth"`
	Viewport    int    `json:"viewport"`
	Element     string `json:"element"`
	Width       int    `json:"width"`
	Right       int    `json:"right"`
}

// widthJS measures the page. The element named is the deepest of those
// that reach furthest right (their box, or their content when it
// overflows the box), leaving out what scrolls or clips inside its own
// box and what is fixed to the viewport, which make nothing wider.
const widthJS = `(() => {
	const vw = Math.min(innerWidth, document.documentElement.clientWidth);
	const out = {scrollWidth: document.documentElement.scrollWidth, viewport: vw, element: "", width: 0, right: 0};
	if (out.scrollWidth <= vw) return out;
	const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + [...e.classList].map(c => "." + c).join("");
	let best = null, reach = vw;
	const visit = e => {
		const s = getComputedStyle(e);
		if (s.position === "fixed" || s.display === "none") return;
		const r = e.getBoundingClientRect();
		const right = Math.max(r.right, r.left + e.scrollWidth);
		if (right > reach + 0.5 || (best && best.contains(e) && right >= reach - 0.5)) {
			best = e;
			reach = Math.max(reach, right);
		}
		if (s.overflowX !== "visible") return;
		for (const c of e.children) visit(c);
	};
	visit(document.body);
	if (best) {
		const path = [];
		for (let e = best; e && e !== document.body && path.length < 4; e = e.parentElement) path.unshift(name(e));
		out.element = path.join(" > ");
		out.width = Math.round(best.getBoundingClientRect().width);
		out.right = Math.round(reach);
	}
	return out;
})()`

// checkWidth fails the test when the page is wider than the viewport,
// naming the element that makes it so.
func (b *uiTab) checkWidth(where string) {
	b.t.Helper()
	b.quiet()
	var w pageWidth
	b.eval(widthJS, &w)
	if w.ScrollWidth > w.Viewport {
		b.t.Errorf("%s is %d px wide in a %d px viewport: %s is %d px wide and reaches %d px",
			where, w.ScrollWidth, w.Viewport, w.Element, w.Width, w.Right)
	}
}

// narrow makes the tab a 375 × 800 phone.
func narrow() chromedp.Action { return emulation.SetDeviceMetricsOverride(375, 800, 1, true) }

// TestNarrowScreen lays every page out at 375 px, live, prerendered and as
// used: none may be wider than the screen. The navigation stays a compact
// block at the top, whose every link is on screen and reached by Tab.
func TestNarrowScreen(t *testing.T) {
	b := uiBrowser(t)
	b.run(narrow())
	for _, p := range auditPages {
		t.Run(p.name, func(t *testing.T) {
			b.t = t
			b.open(p.path)
			b.checkWidth(p.path)
		})
	}
	for _, s := range auditStates {
		t.Run(s.name, func(t *testing.T) {
			b.t = t
			b.open(s.path)
			s.do(b)
			b.checkWidth(s.path + " (" + s.name + ")")
		})
	}
	t.Run("navigation", func(t *testing.T) {
		b.t = t
		b.open("/basic")
		narrowNavigation(b)
	})
	t.Run("prerendered", func(t *testing.T) {
		pb := uiBrowser(t)
		pb.run(narrow())
		pb.prerendered()
		for _, p := range auditPages {
			pb.openPrerendered(baseURL + p.path)
			pb.checkWidth(p.path + " prerendered")
		}
		pb.openPrerendered(baseURL + "/basic")
		narrowNavigation(pb)
	})
}

// navLinks is how many sections the navigation names: JWT, Basic, API
// keys, Bearer, OAuth 2.0, Sessions, Attacks and Learn.
const navLinks = 8

// maxHeaderHeight is the most of a 375 × 800 screen's height that the
// header, with the navigation, may take.
const maxHeaderHeight = 130

// narrowNavigation checks the header on a narrow screen: it is at most
// maxHeaderHeight px high, and Tab from the top of the page goes through
// every navigation link in order, each whole on screen.
func narrowNavigation(b *uiTab) {
	b.t.Helper()
	var height float64
	b.eval(`document.querySelector("header.top").getBoundingClientRect().height`, &height)
	if height > maxHeaderHeight {
		b.t.Errorf("the header takes %.0f px of an 800 px screen, want at most %d", height, maxHeaderHeight)
	}
	var links []string
	b.eval(`[...document.querySelectorAll("nav.nav a")].map(a => a.getAttribute("href"))`, &links)
	if len(links) != navLinks {
		b.t.Fatalf("%d navigation links, want %d", len(links), navLinks)
	}
	b.eval(`document.activeElement.blur(); window.scrollTo(0, 0)`, nil)
	next := 0
	for i := 0; i < 12 && next < len(links); i++ {
		b.run(chromedp.KeyEvent(kb.Tab))
		var at struct {
			Href   string  `json:"href"`
			Left   float64 `json:"left"`
			Right  float64 `json:"right"`
			Top    float64 `json:"top"`
			Bottom float64 `json:"bottom"`
		}
		b.eval(`(() => { const e = document.activeElement, r = e.getBoundingClientRect();
			return {href: e.closest("nav.nav") ? e.getAttribute("href") : "", left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })()`, &at)
		if at.Href == "" {
			continue
		}
		if at.Href != links[next] {
			b.t.Fatalf("Tab reached %s, want %s", at.Href, links[next])
		}
		if at.Left < 0 || at.Right > 375 || at.Top < 0 || at.Bottom > 800 {
			b.t.Errorf("%s has focus off screen: %+v", at.Href, at)
		}
		next++
	}
	if next != len(links) {
		b.t.Errorf("Tab reached %d of the %d navigation links", next, len(links))
	}
}
