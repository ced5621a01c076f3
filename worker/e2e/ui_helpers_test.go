//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// uiTab is one chromium tab driving the pages, with a record of its
// network traffic and console.
type uiTab struct {
	t   *testing.T
	ctx context.Context
	log *uiLog
}

// uiLog records requests, responses and console problems.
type uiLog struct {
	mu        sync.Mutex
	requests  []*network.Request
	fetches   []string         // URLs the page fetched from script
	responses map[string]int64 // URL → last status
	problems  []string         // console errors, exceptions, CSP reports
}

func (l *uiLog) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		l.mu.Lock()
		defer l.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			l.requests = append(l.requests, e.Request)
			if e.Type == network.ResourceTypeFetch || e.Type == network.ResourceTypeXHR {
				l.fetches = append(l.fetches, e.Request.URL)
			}
		case *network.EventResponseReceived:
			l.responses[e.Response.URL] = e.Response.Status
		case *runtime.EventExceptionThrown:
			l.problems = append(l.problems, "exception: "+e.ExceptionDetails.Text+" "+describeRemote(e.ExceptionDetails.Exception))
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				l.problems = append(l.problems, "console.error: "+strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.LevelError || strings.Contains(e.Entry.Text, "Content Security Policy") {
				l.problems = append(l.problems, fmt.Sprintf("%s: %s (%s)", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		}
	})
}

func describeRemote(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	return o.Description
}

// urls returns every URL requested so far.
func (l *uiLog) urls() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, r := range l.requests {
		out = append(out, r.URL)
	}
	return out
}

func (l *uiLog) problemList() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.problems...)
}

// uiBrowser starts Debian's chromium headless with a fresh profile, a
// 1280×800 window and no background traffic.
func uiBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) *uiTab {
	t.Helper()
	// Not t.TempDir: chromium's helper processes may still write to the
	// profile for a moment after the browser is gone.
	profile, err := os.MkdirTemp("", "authlab-chromium-")
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
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
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
		for i := 0; i < 20 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})
	tab := &uiTab{t: t, ctx: ctx, log: &uiLog{responses: map[string]int64{}}}
	tab.log.listen(ctx)
	tab.run(network.Enable(), log.Enable(), runtime.Enable(), emulation.SetDeviceMetricsOverride(1280, 800, 1, false))
	return tab
}

func (b *uiTab) run(actions ...chromedp.Action) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		b.t.Fatalf("chromium: %v; console: %v", err, b.log.problemList())
	}
}

// open navigates to a page of the worker's origin and waits for app.wasm.
func (b *uiTab) open(path string) {
	b.t.Helper()
	b.openURL(baseURL + path)
}

func (b *uiTab) openURL(u string) {
	b.t.Helper()
	b.run(chromedp.Navigate(u), waitForApp)
}

// eval evaluates JavaScript, awaiting a promise result.
func (b *uiTab) eval(js string, out any) {
	b.t.Helper()
	b.run(chromedp.Evaluate(js, out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// setValue types a value the way a paste does: one input event.
func (b *uiTab) setValue(sel, v string) {
	b.t.Helper()
	var ok bool
	b.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) return false;
		e.focus(); e.value = %s; e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`, jsString(sel), jsString(v)), &ok)
	if !ok {
		b.t.Fatalf("no element %s", sel)
	}
}

func (b *uiTab) click(sel string) {
	b.t.Helper()
	b.run(chromedp.WaitEnabled(sel, chromedp.ByQuery), clickSteady(sel))
}

// text returns an element's innerText, waiting up to 30 s for it to exist.
func (b *uiTab) text(sel string) string {
	b.t.Helper()
	var s string
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.WaitReady(sel, chromedp.ByQuery), chromedp.Text(sel, &s, chromedp.ByQuery)); err != nil {
		b.t.Fatalf("no text for %s: %v; console: %v", sel, err, b.log.problemList())
	}
	return s
}

// textNow returns an element's innerText without waiting, or "".
func (b *uiTab) textNow(sel string) string {
	var s string
	ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
	defer cancel()
	chromedp.Run(ctx, chromedp.Text(sel, &s, chromedp.ByQuery, chromedp.AtLeast(0)))
	return s
}

// waitJS waits up to 30 s for a JavaScript condition.
func (b *uiTab) waitJS(cond string) {
	b.t.Helper()
	if err := chromedp.Run(b.ctx, chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		b.t.Fatalf("never true: %s: %v", cond, err)
	}
}

// waitText waits until an element's text contains want, and returns it.
func (b *uiTab) waitText(sel, want string) string {
	b.t.Helper()
	js := fmt.Sprintf(`(() => { const e = document.querySelector(%s); return !!e && e.innerText.includes(%s); })()`, jsString(sel), jsString(want))
	if err := chromedp.Run(b.ctx, chromedp.Poll(js, nil, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		var got string
		chromedp.Run(b.ctx, chromedp.Evaluate(fmt.Sprintf(`(document.querySelector(%s)||{}).innerText||"(missing)"`, jsString(sel)), &got))
		b.t.Fatalf("%s never contained %q; it reads %q", sel, want, got)
	}
	return b.text(sel)
}

// exists reports whether the selector matches now.
func (b *uiTab) exists(sel string) bool {
	b.t.Helper()
	var ok bool
	b.eval(fmt.Sprintf(`document.querySelector(%s) !== null`, jsString(sel)), &ok)
	return ok
}

// snippet opens an exchange's code, picks a language, and returns the code.
func (b *uiTab) snippet(exchangeID, lang string) string {
	b.t.Helper()
	b.eval(fmt.Sprintf(`document.querySelector("#%s details").open = true`, exchangeID), nil)
	b.click(fmt.Sprintf(`#%s-code button[data-lang=%q]`, exchangeID, lang))
	b.waitText(fmt.Sprintf(`#%s-code pre.code[data-lang=%q]`, exchangeID, lang), "")
	var code string
	b.eval(fmt.Sprintf(`document.querySelector("#%s-code pre.code").textContent`, exchangeID), &code)
	return code
}

// grantClipboard lets the page read and write the clipboard.
func (b *uiTab) grantClipboard(origin string) {
	b.t.Helper()
	b.run(browser.GrantPermissions([]browser.PermissionType{browser.PermissionTypeClipboardReadWrite, browser.PermissionTypeClipboardSanitizedWrite}).WithOrigin(origin))
}

// screenshotDir is where the suite saves a picture of every page:
// AUTHLAB_SCREENSHOTS when set (`make screenshots` points it at
// docs/screenshots, for the README), a temporary folder otherwise, so that
// a test run leaves the work tree as it was.
func screenshotDir() string {
	if dir := os.Getenv("AUTHLAB_SCREENSHOTS"); dir != "" {
		return dir
	}
	return filepath.Join(os.TempDir(), "authlab-screenshots")
}

// screenshot saves the viewport as <screenshotDir>/<name>.png, with the
// element sel, if any, scrolled to the top.
func (b *uiTab) screenshot(name, sel string) {
	b.t.Helper()
	saveScreenshot(b.t, b.ctx, name, sel)
}

// saveScreenshot is screenshot for a tab driven without a uiTab.
func saveScreenshot(t *testing.T, ctx context.Context, name, sel string) {
	t.Helper()
	if sel != "" {
		chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (e) e.scrollIntoView({block: "start"}); window.scrollBy(0, -8); })()`, jsString(sel)), nil))
	}
	var buf []byte
	if err := chromedp.Run(ctx, chromedp.Sleep(150*time.Millisecond), chromedp.CaptureScreenshot(&buf)); err != nil {
		t.Fatal(err)
	}
	if len(buf) < 1000 {
		t.Fatalf("screenshot %s is empty", name)
	}
	if err := os.MkdirAll(screenshotDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(screenshotDir(), name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// apiRequests returns the URLs the page fetched from script, which is how
// the tools call the demo server; loading app.wasm and the styles is not.
func (b *uiTab) apiRequests() []string {
	b.log.mu.Lock()
	defer b.log.mu.Unlock()
	var out []string
	for _, u := range b.log.fetches {
		if !strings.Contains(u, "/web/") {
			out = append(out, u)
		}
	}
	return out
}

// cookies returns the browser's cookies for a URL.
func (b *uiTab) cookies(u string) []*network.Cookie {
	b.t.Helper()
	var out []*network.Cookie
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		out, err = network.GetCookies().WithURLs([]string{u}).Do(ctx)
		return err
	}))
	return out
}

// frameTab attaches to the out-of-process frame whose URL is about:srcdoc.
func (b *uiTab) frameTab() *uiTab {
	b.t.Helper()
	var frame *uiTab
	poll := func(ctx context.Context) error {
		for i := 0; i < 50; i++ {
			infos, err := chromedp.Targets(b.ctx)
			if err != nil {
				return err
			}
			for _, in := range infos {
				if in.Type == "iframe" {
					fctx, _ := chromedp.NewContext(b.ctx, chromedp.WithTargetID(in.TargetID))
					frame = &uiTab{t: b.t, ctx: fctx, log: &uiLog{responses: map[string]int64{}}}
					frame.log.listen(fctx)
					return nil
				}
			}
			time.Sleep(100 * time.Millisecond)
		}
		return fmt.Errorf("no frame target")
	}
	b.run(chromedp.ActionFunc(poll))
	frame.run(network.Enable())
	return frame
}

// nodeIDs is a short way to say "the nodes of this query".
func (b *uiTab) count(sel string) int {
	b.t.Helper()
	var nodes []*cdp.Node
	b.run(chromedp.Nodes(sel, &nodes, chromedp.ByQueryAll, chromedp.AtLeast(0)))
	return len(nodes)
}

// setSelect picks a select's option by value and fires change, as a
// person's choice does.
func (b *uiTab) setSelect(sel, value string) {
	b.t.Helper()
	var ok bool
	b.eval(fmt.Sprintf(`(() => { const e = document.querySelector(%s); if (!e) return false;
		e.value = %s; e.dispatchEvent(new Event("change", {bubbles: true})); return e.value === %s; })()`, jsString(sel), jsString(value), jsString(value)), &ok)
	if !ok {
		b.t.Fatalf("no option %q in %s", value, sel)
	}
}
