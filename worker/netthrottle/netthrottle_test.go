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
// posts how long that took.
func site() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte(`<script>
window.took = new Promise(ok => { const w = new Worker("/worker.js"); w.onmessage = e => ok(e.data); });
</script>`))
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

// TestSetThrottlesWorkers checks that a dedicated worker's download
// waits for the emulated link: 256 KiB at 256 KiB/s take about a
// second, and the same download without the limit far less.
func TestSetThrottlesWorkers(t *testing.T) {
	srv := site()
	defer srv.Close()
	slow := workerDownload(t, srv.URL, func(ctx context.Context) error { return netthrottle.Set(ctx, 40, size) })
	fast := workerDownload(t, srv.URL, func(ctx context.Context) error { return netthrottle.Set(ctx, 0, -1) })
	t.Logf("256 KiB in a worker: %.0f ms at 256 KiB/s, %.0f ms unthrottled", slow, fast)
	if slow < 800 {
		t.Errorf("the worker's download took %.0f ms at 256 KiB/s: not throttled", slow)
	}
	if fast > slow/2 {
		t.Errorf("unthrottled, the download took %.0f ms against %.0f throttled", fast, slow)
	}
}

func TestSetNeedsATab(t *testing.T) {
	if err := netthrottle.Set(context.Background(), 0, -1); err != netthrottle.ErrNoTarget {
		t.Errorf("err %v, want ErrNoTarget", err)
	}
}
