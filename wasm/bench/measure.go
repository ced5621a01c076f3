package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"time"

	"github.com/authlab/authlab/wasm/bench/lhsuite"
	"github.com/authlab/authlab/worker/netthrottle"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// target is one page under measurement: where it is, how the probe
// finds its fields, and the resource whose encoding the report gives
// (its path's suffix; "" for the document).
type target struct {
	name, url string
	sel       selectors
	resource  string
	brotli    bool // the resource must arrive as br (checkBrotli)
	// serviceWorker: the page installs one, which a repeat visit waits
	// for.
	serviceWorker bool
	// pasteAt: ms after navigation start before which the probe does not
	// paste; 0 for as soon as the token field exists.
	pasteAt int
}

type netProfile struct {
	name           string
	latencyMS      float64
	bytesPerSecond float64 // 0: unthrottled
}

var (
	unthrottled = netProfile{name: "unthrottled"}
	slow        = netProfile{name: "20 Mbit/s, 40 ms", latencyMS: 40, bytesPerSecond: 20e6 / 8}
)

// visitTimes is one visit: milliseconds from navigation start to the
// payload drawn, to the workbench verifying and to the whole page live,
// the bytes received, and how the page's main resource travelled.
type visitTimes struct {
	payload, ready, live float64
	bytes                int64
	enc                  encodingFact
}

// newBrowser starts headless chromium with a fresh profile. With free
// set, frames are not held to the display's 60 Hz (no vsync, no frame
// rate limit), so that the time to the next frame is the page's own.
// flags are more chromium flags, such as those that make it trust the
// HTTPS fronts.
func newBrowser(free bool, flags []string) (context.Context, func(), error) {
	dir, err := os.MkdirTemp("", "authlab-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath("chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(dir),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
	}
	if free {
		opts = append(opts, chromedp.Flag("disable-frame-rate-limit", true), chromedp.Flag("disable-gpu-vsync", true))
	}
	opts = append(opts, lhsuite.AllocatorFlags(flags)...)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	return ctx, func() { cancelC(); cancelA(); os.RemoveAll(dir) }, nil
}

// open prepares a fresh browser: the probe in every document, and the
// network conditions.
func open(p target, n netProfile, free bool, flags []string) (context.Context, *netLog, func(), error) {
	ctx, done, err := newBrowser(free, flags)
	if err != nil {
		return nil, nil, nil, err
	}
	t := new(netLog)
	t.listen(ctx)
	err = chromedp.Run(ctx, network.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(probe(p.sel, p.pasteAt)).Do(ctx)
		return err
	}))
	if err == nil {
		// app.wasm is downloaded by a dedicated worker (web/compile.js):
		// its requests are logged and throttled with the page's.
		err = netthrottle.Workers(ctx, t.worker)
	}
	if err == nil && n.bytesPerSecond > 0 {
		err = netthrottle.Set(ctx, n.latencyMS, n.bytesPerSecond)
	}
	if err != nil {
		done()
		return nil, nil, nil, err
	}
	return ctx, t, done, nil
}

// visit navigates and waits for the probe to see the payload drawn, then
// the workbench verify, then the whole page live: by then the page's main
// resource has arrived, and the bytes counted are the whole visit's.
func visit(ctx context.Context, t *netLog, p target) (visitTimes, error) {
	var v visitTimes
	poll := func(expr string, dst *float64) chromedp.Action {
		return chromedp.Poll(expr, dst, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))
	}
	err := chromedp.Run(ctx, chromedp.Navigate(p.url), poll(`window.__ttu`, &v.payload), poll(`window.__ready`, &v.ready), poll(`window.__live`, &v.live))
	if err != nil {
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(pageState(p.sel), &state))
		err = fmt.Errorf("%w (page: %s)", err, state)
	}
	reqs := t.take()
	v.bytes, v.enc = totalBytes(reqs), factOf(reqs, p.resource)
	return v, err
}

// visits runs a first visit in a fresh profile and, once the service
// worker has cached the site as a returning visitor's has, a repeat visit.
// A target that must get brotli fails the run when its first visit did
// not.
func visits(p target, n netProfile, flags []string) (first, repeat visitTimes, err error) {
	ctx, t, done, err := open(p, n, false, flags)
	if err != nil {
		return first, repeat, err
	}
	defer done()
	if first, err = visit(ctx, t, p); err != nil {
		return first, repeat, err
	}
	if p.brotli {
		if err := checkBrotli(first.enc); err != nil {
			return first, repeat, fmt.Errorf("first visit: %w", err)
		}
	}
	if p.serviceWorker {
		if err = waitSW(ctx); err != nil {
			return first, repeat, err
		}
	}
	t.take()
	repeat, err = visit(ctx, t, p)
	if err == nil && p.brotli {
		if err := checkBrotli(repeat.enc); err != nil {
			return first, repeat, fmt.Errorf("repeat visit: %w", err)
		}
	}
	return first, repeat, err
}

// waitSW waits until the service worker controls the page and has cached
// app.wasm, then half a second more for it to settle.
func waitSW(ctx context.Context) error {
	await := func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); {
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(swReady, &ok, await)); err != nil {
			return fmt.Errorf("service worker: %w", err)
		}
		if ok {
			return chromedp.Run(ctx, chromedp.Sleep(500*time.Millisecond))
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("service worker: app.wasm not cached after 60 s")
}

// keySeries times n edits of the token once the workbench is live, in a
// browser held to vsync or not (free).
func keySeries(p target, n int, free bool, flags []string) (dom, frame []float64, err error) {
	ctx, t, done, err := open(p, unthrottled, free, flags)
	if err != nil {
		return nil, nil, err
	}
	defer done()
	if _, err := visit(ctx, t, p); err != nil {
		return nil, nil, err
	}
	var times struct{ Dom, Frame []float64 }
	err = chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`%s(%s, %d)`, keystrokes, p.sel.json(), n), &times,
		func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
	return times.Dom, times.Frame, err
}

func median(v []float64) float64 { return percentile(v, 50) }

// percentile is the nearest-rank percentile.
func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(p/100*float64(len(s))+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}
