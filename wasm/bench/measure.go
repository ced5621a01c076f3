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

type result struct {
	page, net               string
	firstMS, repeatMS       float64 // medians
	firstBytes, repeatBytes int64   // medians
	keyP50, keyP95          float64
}

// The token pasted in every run and the text its payload must show.
const (
	token  = "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.c2lnbmF0dXJl"
	expect = "Grace Hopper"
)

// probe runs in every document: as soon as the page has a #token field it
// pastes the token, again every few milliseconds until #payload shows it,
// and records when the frame with the payload was drawn.
var probe = `(() => {
  window.__ttu = 0;
  const tick = () => {
    const out = document.getElementById("payload");
    if (out && out.textContent.includes(` + "`" + expect + "`" + `)) {
      requestAnimationFrame(() => { window.__ttu = performance.now(); });
      return;
    }
    const ta = document.getElementById("token");
    if (ta) {
      ta.value = ` + "`" + token + "`" + `;
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }
    setTimeout(tick, 4);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", tick); else tick();
})();`

// keystrokes changes the token's payload one character at a time and times
// each input event until the next frame is drawn with the new payload.
const keystrokes = `(async (n) => {
  const ta = document.getElementById("token"), out = document.getElementById("payload");
  const times = [];
  for (let i = 0; i < n; i++) {
    const name = "Grace Hopper " + i;
    const payload = btoa(JSON.stringify({ sub: "user-42", name })).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const parts = ta.value.split(".");
    const t0 = performance.now();
    ta.value = parts[0] + "." + payload + "." + parts[2];
    ta.dispatchEvent(new Event("input", { bubbles: true }));
    while (!out.textContent.includes(name)) await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - t0);
  }
  return times;
})`

func newBrowser() (context.Context, func(), error) {
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

// visit navigates and waits for the probe to see the payload drawn.
func visit(ctx context.Context, url string) (float64, error) {
	var ttu float64
	err := chromedp.Run(ctx,
		chromedp.Navigate(url),
		chromedp.Poll(`window.__ttu`, &ttu, chromedp.WithPollingInterval(5*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second)),
	)
	if err != nil {
		var state string
		chromedp.Run(ctx, chromedp.Evaluate(`location.href + " | " + ((document.getElementById("app-wasm-loader-label")||{}).textContent||"loaded") + " | " + ((document.getElementById("payload")||{}).textContent||"no #payload") + " | " + ((document.getElementById("verdict")||{}).textContent||"")`, &state))
		err = fmt.Errorf("%w (page: %s)", err, state)
	}
	return ttu, err
}

// measure runs the first and the repeat visit in a fresh browser, runs
// times, and the keystroke series once.
func measure(p target, n netProfile, runs, keys int) (result, error) {
	r := result{page: p.name, net: n.name}
	var first, repeat []float64
	var firstB, repeatB []int64
	var keyTimes []float64
	for i := 0; i < runs; i++ {
		ctx, done, err := newBrowser()
		if err != nil {
			return r, err
		}
		var t transfer
		t.listen(ctx)
		err = chromedp.Run(ctx, network.Enable(), chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(probe).Do(ctx)
			return err
		}))
		if err == nil && n.bytesPerSecond > 0 {
			err = chromedp.Run(ctx, network.EmulateNetworkConditions(false, n.latencyMS, n.bytesPerSecond, n.bytesPerSecond))
		}
		var a, b float64
		if err == nil {
			a, err = visit(ctx, p.url)
		}
		firstB = append(firstB, t.take())
		if err == nil {
			// Let the service worker finish installing, as a returning
			// visitor's would have.
			chromedp.Run(ctx, chromedp.Sleep(1500*time.Millisecond))
			t.take()
			b, err = visit(ctx, p.url)
		}
		repeatB = append(repeatB, t.take())
		if err == nil && i == 0 {
			var times []float64
			err = chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`%s(%d)`, keystrokes, keys), &times,
				func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }))
			keyTimes = times
		}
		done()
		if err != nil {
			return r, err
		}
		first, repeat = append(first, a), append(repeat, b)
	}
	r.firstMS, r.repeatMS = median(first), median(repeat)
	r.firstBytes, r.repeatBytes = medianInt(firstB), medianInt(repeatB)
	r.keyP50, r.keyP95 = percentile(keyTimes, 50), percentile(keyTimes, 95)
	return r, nil
}

func median(v []float64) float64 { return percentile(v, 50) }

func percentile(v []float64, p float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	i := int(float64(len(s)-1)*p/100 + 0.5)
	return s[i]
}

func medianInt(v []int64) int64 {
	s := append([]int64(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}
