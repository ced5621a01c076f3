package netthrottle_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/worker/netthrottle"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const size = 256 << 10

// site serves a page whose dedicated worker downloads size bytes and
// posts how long that took (/), and one whose service worker does the
// same as it installs (/sw).
func site() *httptest.Server {
	mux := http.NewServeMux()
	page := func(script string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<script>window.took = new Promise(ok => { ` + script + ` });</script>`))
		}
	}
	mux.HandleFunc("/{$}", page(`const w = new Worker("/worker.js"); w.onmessage = e => ok(e.data);`))
	mux.HandleFunc("/sw", page(`navigator.serviceWorker.onmessage = e => ok(e.data); navigator.serviceWorker.register("/sw.js");`))
	mux.HandleFunc("/sw.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(`self.addEventListener("install", e => {
  const t = performance.now();
  e.waitUntil(fetch("/big").then(r => r.arrayBuffer()).then(async b => {
    const took = {ms: performance.now() - t, n: b.byteLength};
    for (const c of await clients.matchAll({includeUncontrolled: true})) c.postMessage(took);
  }));
});`))
	})
	mux.HandleFunc("/worker.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		w.Write([]byte(`const t = performance.now();
fetch("/big").then(r => r.arrayBuffer()).then(b => postMessage({ms: performance.now() - t, n: b.byteLength}));`))
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Write([]byte(strings.Repeat("x", size)))
	})
	return httptest.NewServer(mux)
}

// workerDownload is how long the page's worker took to download /big.
func workerDownload(t *testing.T, url string, throttle func(context.Context) error) float64 {
	t.Helper()
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath("chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, stop := context.WithTimeout(ctx, 60*time.Second)
	defer stop()
	if err := chromedp.Run(ctx, chromedp.ActionFunc(throttle)); err != nil {
		t.Fatal(err)
	}
	var got struct {
		MS float64 `json:"ms"`
		N  int     `json:"n"`
	}
	await := func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }
	if err := chromedp.Run(ctx, chromedp.Navigate(url), chromedp.Evaluate(`window.took`, &got, await)); err != nil {
		t.Fatal(err)
	}
	if got.N != size {
		t.Fatalf("the worker received %d bytes, want %d", got.N, size)
	}
	return got.MS
}

// TestSetThrottlesWorkers checks that a dedicated worker's download and
// a service worker's wait for the emulated link: 256 KiB at 256 KiB/s
// take about a second, and the same download without the limit far
// less.
func TestSetThrottlesWorkers(t *testing.T) {
	srv := site()
	defer srv.Close()
	for _, path := range []string{"/", "/sw"} {
		slow := workerDownload(t, srv.URL+path, func(ctx context.Context) error { return netthrottle.Set(ctx, 40, size) })
		fast := workerDownload(t, srv.URL+path, func(ctx context.Context) error { return netthrottle.Set(ctx, 0, -1) })
		t.Logf("%s: 256 KiB in a worker: %.0f ms at 256 KiB/s, %.0f ms unthrottled", path, slow, fast)
		if slow < 800 {
			t.Errorf("%s: the worker's download took %.0f ms at 256 KiB/s: not throttled", path, slow)
		}
		if fast > slow/2 {
			t.Errorf("%s: unthrottled, the download took %.0f ms against %.0f throttled", path, fast, slow)
		}
	}
}

// TestWorkersOnce refuses a second attachment, whose listener would
// prepare every worker twice.
func TestWorkersOnce(t *testing.T) {
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath("chromium"), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := netthrottle.Workers(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := netthrottle.Workers(ctx, nil); err != netthrottle.ErrAttached {
		t.Errorf("second Workers: err %v, want ErrAttached", err)
	}
	if err := netthrottle.Set(ctx, 0, -1); err != nil {
		t.Errorf("Set after Workers: %v", err)
	}
}

func TestSetNeedsATab(t *testing.T) {
	if err := netthrottle.Set(context.Background(), 0, -1); err != netthrottle.ErrNoTarget {
		t.Errorf("err %v, want ErrNoTarget", err)
	}
}
