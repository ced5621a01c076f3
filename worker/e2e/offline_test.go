//go:build e2e

package e2e_test

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/authlab/authlab/app/naivelab"
)

// pageTitles are the pages and their h1.
var pageTitles = map[string]string{
	"/": "Authlab", "/jwt": "JWT workbench", "/basic": "HTTP Basic", "/apikey": "API keys", "/bearer-token": "Bearer tokens",
	"/oauth": "OAuth 2.0", "/session": "Cookie sessions", "/attacks": "JWT attack lab", "/learn": "Learn", "/learn/sessions": "Cookie sessions",
	"/learn/best-practices": "Best practices", "/learn/jwt-attacks": "Attacks on JWT verifiers",
}

// precached is the list the service worker at origin caches on install.
func precached(t *testing.T, origin string) []string {
	t.Helper()
	res, err := http.Get(origin + "/app-worker.js")
	if err != nil {
		t.Fatal(err)
	}
	sw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	return resourceList(t, string(sw))
}

// cacheList finds go-app's resourcesToCache, the paths the service
// worker caches, in app-worker.js as the site serves it, minified.
var cacheList = regexp.MustCompile(`\bresourcesToCache\s*=\s*(\[[^\]]*\])`)

// resourceList is the list of paths that the service worker sw caches.
func resourceList(t *testing.T, sw string) []string {
	t.Helper()
	m := cacheList.FindStringSubmatch(sw)
	var list []string
	if m == nil || json.Unmarshal([]byte(m[1]), &list) != nil || len(list) == 0 {
		t.Fatalf("no resource list in app-worker.js: %.200s", sw)
	}
	return list
}

// TestOfflineFromWorker visits the site served by the worker once, lets
// the service worker cache it, cuts the connection, and then reloads every
// page and uses the tools. The worker is reached through a proxy of the
// test's own, which it closes: the browser then has no server at all.
func TestOfflineFromWorker(t *testing.T) {
	proxy := newCuttableProxy(t, strings.TrimPrefix(baseURL, "http://"))
	origin := "http://" + proxy.addr()
	resources := precached(t, origin)
	// cache.addAll fails on any answer but 200, so each path must be one
	// thing, whatever the request's Accept says (a path never chooses
	// between a page and an endpoint by Accept).
	for _, r := range resources {
		for _, accept := range []string{"*/*", "text/html"} {
			req, _ := http.NewRequest("GET", origin+r, nil)
			req.Header.Set("Accept", accept)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("%s with Accept %s: %d; the service worker cannot cache it", r, accept, res.StatusCode)
			}
		}
	}
	b := uiBrowser(t)
	b.openURL(origin + "/")
	waitCached(b, len(resources))
	// The lab's tokens come from the server, so they are fetched before
	// the cut; the cracker's worker and module come from the cache.
	b.openURL(origin + "/attacks")
	b.click("#lab-load")
	b.waitJS(`!!document.querySelector("#lab-loaded")`)
	goOffline(b, proxy.cut)
	crackOffline(t, b)
	usePagesOffline(b, func(p string) string { return origin + p })
}

// crackOffline cracks the lab's weak-secret token with no network. A
// cancelled crack first ends the worker started while online, so the
// crack that finds the secret runs in a worker started offline.
func crackOffline(t *testing.T, b *uiTab) {
	t.Helper()
	cancelLongCrack(t, b)
	b.setValue("#crack-words", "")
	if status := crackOnce(b); !strings.Contains(status, `Found "`+naivelab.WeakSecret+`"`) {
		t.Errorf("offline, the cracker says %q", status)
	}
}

// useOffline waits until the service worker controls the page and has
// cached resources, calls cut to take the server away, turns the network
// off, and then uses the pages.
func useOffline(b *uiTab, urlOf func(string) string, resources int, cut func()) {
	b.t.Helper()
	waitCached(b, resources)
	goOffline(b, cut)
	usePagesOffline(b, urlOf)
}

// waitCached waits until the service worker controls the page and has
// cached resources.
func waitCached(b *uiTab, resources int) {
	b.t.Helper()
	b.waitJS(`(async () => {
		if (!navigator.serviceWorker.controller) return false;
		const keys = await caches.keys();
		if (keys.length !== 1) return false;
		return (await (await caches.open(keys[0])).keys()).length >= ` + itoa(resources) + `;
	})()`)
}

// goOffline calls cut to take the server away and turns the network off.
func goOffline(b *uiTab, cut func()) {
	b.t.Helper()
	cut()
	b.run(network.EmulateNetworkConditions(true, 0, 0, 0))
}

// usePagesOffline reloads every page, decodes, verifies and signs on /jwt
// and encodes on /basic.
func usePagesOffline(b *uiTab, urlOf func(string) string) {
	b.t.Helper()
	for p, h1 := range pageTitles {
		b.openURL(urlOf(p))
		b.waitText("h1", h1)
	}
	b.openURL(urlOf("/jwt"))
	b.run(chromedp.WaitVisible("#token", chromedp.ByQuery))
	secret := "an offline secret of at least 32 bytes"
	b.setValue("#token", hs256(`{"sub":"offline"}`, secret))
	b.waitText("#payload", `"offline"`)
	b.setValue("#key", secret)
	b.waitJS(`document.querySelector("#verdict").dataset.state === "valid"`)
	b.setValue("#gen-kind", "P-256")
	b.click("#generate")
	b.waitJS(`!!document.querySelector("#gen-kid")`)
	b.click("#sign")
	b.run(chromedp.WaitVisible("#signed", chromedp.ByQuery))
	b.click("#use-signed")
	b.waitJS(`document.querySelector("#verdict").dataset.state === "valid"`)
	b.openURL(urlOf("/basic"))
	b.setValue("#basic-user", "off")
	b.setValue("#basic-pass", "line")
	b.waitText("#basic-header", "Basic b2ZmOmxpbmU=")
}

// cuttableProxy forwards TCP connections on a loopback port to target
// until cut, which closes the listener and every open connection.
type cuttableProxy struct {
	l     net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func newCuttableProxy(t *testing.T, target string) *cuttableProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cuttableProxy{l: l}
	t.Cleanup(p.cut)
	go func() {
		for {
			in, err := l.Accept()
			if err != nil {
				return
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() { io.Copy(in, out); in.Close() }()
		}
	}()
	return p
}

func (p *cuttableProxy) addr() string { return p.l.Addr().String() }

func (p *cuttableProxy) cut() {
	p.l.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
