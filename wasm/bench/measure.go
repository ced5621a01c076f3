package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

type target struct{ name, url string }

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
// payload drawn and to the workbench verifying, and the bytes received.
type visitTimes struct {
	payload, ready float64
	bytes          int64
}

// newBrowser starts headless chromium with a fresh profile. With free
// set, frames are not held to the display's 60 Hz (no vsync, no frame
// rate limit), so that the time to the next frame is the page's own.
func newBrowser(free bool) (context.Context, func(), error) {
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
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	return ctx, func() { cancelC(); cancelA(); os.RemoveAll(dir) }, nil
}

// transfer sums the bytes that crossed the network, per navigation.
type transfer struct {
	mu    sync.Mutex
	bytes int64
}

func (t *transfer) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, func(ev any) {
		if e, ok := ev.(*network.EventLoadingFinished); ok {
			t.mu.Lock()
			t.bytes += int64(e.EncodedDataLength)
			t.mu.Unlock()
		}
	})
}

func (t *transfer) take() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	b := t.bytes
	t.bytes = 0
	return b
}

// open prepares a fresh browser: the probe in every document, and the
// network conditions.
func open(n netProfile, free bool) (context.Context, *transfer, func(), error) {
	ctx, done, err := newBrowser(free)
	if err != nil {
		return nil, nil, nil, err
	}
	t := new(transfer)
	t.listen(ctx)
	err = chromedp.Run(ctx, network.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(probe).Do(ctx)
		return err
	}))
	if err == nil && n.bytesPerSecond > 0 {
		err = chromedp.Run(ctx, network.EmulateNetworkConditions(false, n.latencyMS, n.bytesPerSecond, n.bytesPerSecond))
	}
	if err != nil {
		done()
		return nil, nil, nil, err
	}
	return ctx, t, done, nil
}

// visit navigates and waits for the probe to see the payload drawn and
// then the workbench verify.
func visit(ctx context.Context, t *transfer, url string) (visitTimes, error) {
	var v visitTimes
	poll := func(expr string, dst *float64) chromedp.Action {
		return chromedp.Poll(expr, dst, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))
	}
	err := chromedp.Run(ctx, chromedp.Navigate(url), poll(`window.__ttu`, &v.payload), poll(`window.__ready`, &v.ready))
	if err != nil {
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(`location.href + " | " + ((document.getElementById("app-wasm-loader-label")||{}).textContent||"loaded") + " | " + ((document.getElementById("payload")||{}).textContent||"no #payload") + " | " + ((document.getElementById("verdict")||{}).textContent||"")`, &state))
		err = fmt.Errorf("%w (page: %s)", err, state)
	}
	v.bytes = t.take()
	return v, err
}

// visits runs a first visit in a fresh profile and, once the service
// worker has cached the site as a returning visitor's has, a repeat visit.
func visits(p target, n netProfile) (first, repeat visitTimes, err error) {
	ctx, t, done, err := open(n, false)
	if err != nil {
		return first, repeat, err
	}
	defer done()
	if first, err = visit(ctx, t, p.url); err != nil {
		return first, repeat, err
	}
	if err = waitSW(ctx); err != nil {
		return first, repeat, err
	}
	t.take()
	repeat, err = visit(ctx, t, p.url)
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
func keySeries(p target, n int, free bool) (dom, frame []float64, err error) {
	ctx, t, done, err := open(unthrottled, free)
	if err != nil {
		return nil, nil, err
	}
	defer done()
	if _, err := visit(ctx, t, p.url); err != nil {
		return nil, nil, err
	}
	var times struct{ Dom, Frame []float64 }
	err = chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`%s(%d)`, keystrokes, n), &times,
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

func medianInt(v []int64) int64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]int64(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
