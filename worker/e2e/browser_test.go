//go:build e2e

package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// newBrowser starts Debian's chromium headless with a fresh profile and no
// background traffic, and the extra options given. The profile folder is
// removed after chromium's helpers stop writing to it; t.TempDir would
// fail the test on that race.
func newBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	dir, err := os.MkdirTemp("", "authlab-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath("chromium"),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(opts, extra...)...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() {
		cancelTimeout()
		cancelCtx()
		cancelAlloc()
		for range 20 { // chromium's helpers may still be writing
			if os.RemoveAll(dir) == nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return ctx
}

// requestLog records every request the page makes.
type requestLog struct {
	mu   sync.Mutex
	urls []string
	// sent is each request as sent: its URL, headers and body, for tests
	// that prove what a request does not carry.
	sent []string
}

func (l *requestLog) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			all := e.Request.URL + "\n"
			for name, v := range e.Request.Headers {
				all += fmt.Sprintf("%s: %v\n", name, v)
			}
			for _, entry := range e.Request.PostDataEntries {
				all += entry.Bytes
			}
			l.mu.Lock()
			l.urls = append(l.urls, e.Request.URL)
			l.sent = append(l.sent, all)
			l.mu.Unlock()
		}
	})
}

// sentSince returns the requests made after the first n, each as its URL,
// headers and body.
func (l *requestLog) sentSince(n int) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.sent[n:]...)
}

func (l *requestLog) snapshot() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.urls...)
}

// pasteToken puts a token into the textarea the way a paste does: one
// input event with the whole text.
func pasteToken(sel, token string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Focus(sel, chromedp.ByQuery).Do(ctx); err != nil {
			return err
		}
		return chromedp.Evaluate(`document.execCommand("insertText", false, `+jsString(token)+`)`, nil).Do(ctx)
	})
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// clickSteady clicks sel once its box has stayed put for 100 ms. go-app
// applies an event's re-render after the event has returned; when that
// re-render moves the button (a message appears above it, a result below
// it goes), a click aimed at the box from before lands beside it and is
// lost. It runs a script in the page, so a frame sandboxed without
// scripts (the other site's form on /session) takes a plain chromedp.Click.
func clickSteady(sel string) chromedp.Action {
	return chromedp.Tasks{
		chromedp.WaitVisible(sel, chromedp.ByQuery),
		chromedp.Poll(`new Promise(resolve => {
			const box = () => { const e = document.querySelector(`+jsString(sel)+`); return e ? JSON.stringify(e.getBoundingClientRect()) : ""; };
			const first = box();
			setTimeout(() => resolve(first !== "" && box() === first), 100);
		})`, nil, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(10*time.Millisecond)),
		chromedp.Click(sel, chromedp.ByQuery),
	}
}

// waitForApp waits until app.wasm has started and removed the loader.
var waitForApp = chromedp.Poll(`document.getElementById("app-wasm-loader") === null`, nil, chromedp.WithPollingTimeout(90*time.Second))

func TestJWTPageDecodesWithoutNetwork(t *testing.T) {
	ctx := newBrowser(t)
	var log requestLog
	log.listen(ctx)
	token := "Bearer eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJl"
	var prerendered, payload, header, problems string
	if err := chromedp.Run(ctx,
		network.Enable(),
		chromedp.Navigate(baseURL+"/jwt"),
		chromedp.Text("h1", &prerendered, chromedp.ByQuery),
		waitForApp,
	); err != nil {
		t.Fatal(err)
	}
	if prerendered != "JWT workbench" {
		t.Fatalf("prerendered title = %q", prerendered)
	}
	before := log.snapshot()
	if err := chromedp.Run(ctx,
		pasteToken("#token", token),
		chromedp.WaitVisible("#payload", chromedp.ByQuery),
		chromedp.Text("#payload", &payload, chromedp.ByQuery),
		chromedp.Text("#header", &header, chromedp.ByQuery),
		chromedp.Evaluate(`(document.getElementById("problems")||{}).innerText||""`, &problems),
		chromedp.Sleep(300*time.Millisecond),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(payload, `"name": "Grace Hopper"`) || !strings.Contains(header, `"kid": "k1"`) {
		t.Fatalf("decoded header %q payload %q", header, payload)
	}
	if problems != "" {
		t.Fatalf("a well-formed token was reported malformed: %q", problems)
	}
	if after := log.snapshot(); len(after) != len(before) {
		t.Fatalf("decoding made network requests: %v", after[len(before):])
	}
	origin, _ := url.Parse(baseURL)
	for _, u := range log.snapshot() {
		if p, err := url.Parse(u); err != nil || p.Host != origin.Host {
			t.Errorf("request to another origin: %s", u)
		}
	}
}

func TestJWTPageExplainsMalformedTokens(t *testing.T) {
	ctx := newBrowser(t)
	var problems string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(baseURL+"/jwt"),
		waitForApp,
		pasteToken("#token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi!.sig"),
		chromedp.WaitVisible("#problems", chromedp.ByQuery),
		chromedp.Text("#problems", &problems, chromedp.ByQuery),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(problems, "payload") || !strings.Contains(problems, "'!'") {
		t.Fatalf("problems = %q, want the payload segment and the bad character named", problems)
	}
}
