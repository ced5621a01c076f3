//go:build e2e

package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/ui"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// startupProbe runs before any of the page's scripts. It records every
// Largest Contentful Paint entry with its element, the long tasks, when
// the first contentful paint was reported, and when app.wasm's mount
// replaced the prerendered page: the moment the body's first element, the
// prerendered .shell, left the document. It also asks, as app.wasm starts
// (wasm_exec.js's Go.run), for a task of its own to run next: when that
// task runs shows whether the mount came in the same task as app.wasm's
// start or after the event loop had had a turn. And it records when the
// page made the dedicated worker that downloads and compiles app.wasm,
// and what that worker said of its warm-up run when it sent the module,
// and when web/loader.js began to wait for the first contentful paint:
// the moment it asked for paint entries, just after it started the timer
// that ends the wait (loaderPaintLimit).
const startupProbe = `(() => {
  const s = window.__startup = { lcp: [], long: [], mount: -1, fcp: -1, run: -1, turn: -1, compiler: -1, warmed: "", retired: -1, wait: -1 };
  const W = window.Worker;
  window.Worker = function (url, ...rest) {
    const w = new W(url, ...rest);
    if (s.compiler < 0 && new URL(url, document.baseURI).pathname.endsWith("/web/compile.js")) {
      s.compiler = performance.now();
      w.addEventListener("message", e => { if (e.data && e.data.type === "warmed") s.warmed = String(e.data.warmed); });
      const stop = w.terminate;
      w.terminate = function () { if (s.retired < 0) s.retired = performance.now(); return stop.call(this); };
    }
    return w;
  };
  window.Worker.prototype = W.prototype;
  let Go;
  Object.defineProperty(window, "Go", { configurable: true, get: () => Go, set: v => {
    const run = v.prototype.run;
    v.prototype.run = function (...args) {
      s.run = performance.now();
      const c = new MessageChannel();
      c.port1.onmessage = () => { s.turn = performance.now(); };
      c.port2.postMessage(0);
      return run.apply(this, args);
    };
    Go = v;
  } });
  new PerformanceObserver(l => {
    if (l.getEntriesByName("first-contentful-paint").length && s.fcp < 0) s.fcp = performance.now();
  }).observe({ type: "paint", buffered: true });
  new PerformanceObserver(l => l.getEntries().forEach(e => s.lcp.push({
    t: e.startTime, size: e.size, el: e.element,
    name: e.element ? e.element.tagName + "." + e.element.className : "",
  }))).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver(l => l.getEntries().forEach(e => s.long.push({ t: e.startTime, d: e.duration })))
    .observe({ type: "longtask", buffered: true });
  const observe = PerformanceObserver.prototype.observe;
  PerformanceObserver.prototype.observe = function (opts, ...rest) {
    if (s.wait < 0 && opts && opts.type === "paint") s.wait = performance.now();
    return observe.call(this, opts, ...rest);
  };
  document.addEventListener("DOMContentLoaded", () => {
    const first = document.body.firstElementChild;
    new MutationObserver((_, o) => {
      if (first.isConnected) return;
      s.mount = performance.now();
      o.disconnect();
    }).observe(document.body, { childList: true });
  });
})()`

// startupReport is what the probe recorded, read once app.wasm runs.
type startupReport struct {
	LCP []struct {
		T         float64 `json:"t"`
		Size      float64 `json:"size"`
		Name      string  `json:"name"`
		Connected bool    `json:"connected"`
	} `json:"lcp"`
	Long []struct {
		T float64 `json:"t"`
		D float64 `json:"d"`
	} `json:"long"`
	Mount    float64 `json:"mount"`
	FCP      float64 `json:"fcp"`      // when the first contentful paint was reported
	Run      float64 `json:"run"`      // when app.wasm started
	Turn     float64 `json:"turn"`     // when the task asked for at Run ran
	Paint    float64 `json:"paint"`    // the first contentful paint's time
	Compiler float64 `json:"compiler"` // when the worker that fetches app.wasm was made
	Fetch    float64 `json:"fetch"`    // when the page itself requested app.wasm
	Warmed   string  `json:"warmed"`   // how the compile worker's warm-up run went
	Retired  float64 `json:"retired"`  // when the page stopped that worker
	Wait     float64 `json:"wait"`     // when loader.js began to wait for the first paint
}

// loaderPaintLimit is how long web/loader.js's firstPaint waits for the
// first contentful paint to be reported before it lets app.wasm start
// anyway; TestLoaderPaintLimit holds it to loader.js's own.
const loaderPaintLimit = 2000 * time.Millisecond

// firstPaintTimer is firstPaint's limit in web/loader.js: the first timer
// its promise sets.
var firstPaintTimer = regexp.MustCompile(`function firstPaint\(\) \{\s*return new Promise\(function \(resolve\) \{\s*setTimeout\(resolve, (\d+)\);`)

func TestLoaderPaintLimit(t *testing.T) {
	src, err := os.ReadFile("../../web/loader.js")
	if err != nil {
		t.Fatal(err)
	}
	m := firstPaintTimer.FindSubmatch(src)
	if m == nil {
		t.Fatal("web/loader.js: firstPaint's timer not found")
	}
	if ms, _ := strconv.Atoi(string(m[1])); time.Duration(ms)*time.Millisecond != loaderPaintLimit {
		t.Errorf("web/loader.js's firstPaint waits %s ms; the start-up test allows for %s", m[1], loaderPaintLimit)
	}
}

// TestStartupKeepsFirstPaint loads /, /jwt and /oauth on a first visit
// with the CPU slowed down four times, as Lighthouse's mobile profile
// does. It checks that app.wasm is requested only once the prerendered
// page's first contentful paint has been reported, and by the dedicated
// worker that compiles it, never by the page itself, so that compiling it
// as it streams in neither holds that paint back nor blocks the page; that
// the worker ran the program once before sending it, mounting the page
// the visitor opened, so that the Go runtime's start and the page's
// mount are compiled off the page; that app.wasm mounts the live
// page only once the prerendered page's first paint has been reported, in
// a task of its own after the one that started app.wasm; and that the largest
// contentful paint is the prerendered page's: no element of the live page
// becomes a new, larger candidate, so the page's LCP is its first paint
// however long app.wasm takes. The worker, its warm-up over, is stopped
// only once the live page is mounted.
func TestStartupKeepsFirstPaint(t *testing.T) {
	for _, path := range []string{"/", "/jwt", "/oauth"} {
		tab := uiBrowser(t)
		tab.run(emulation.SetCPUThrottlingRate(4), chromedp.ActionFunc(func(ctx context.Context) error {
			_, err := page.AddScriptToEvaluateOnNewDocument(startupProbe).Do(ctx)
			return err
		}))
		tab.run(chromedp.Navigate(baseURL+path), waitForApp)
		var retired bool
		tab.run(chromedp.Poll(`__startup.retired >= 0`, &retired, chromedp.WithPollingTimeout(20*time.Second)))
		var raw string
		tab.run(chromedp.Evaluate(`JSON.stringify({
			lcp: __startup.lcp.map(e => ({ t: e.t, size: e.size, name: e.name, connected: !!e.el && e.el.isConnected })),
			long: __startup.long, mount: __startup.mount, fcp: __startup.fcp, run: __startup.run, turn: __startup.turn, compiler: __startup.compiler, warmed: __startup.warmed, retired: __startup.retired, wait: __startup.wait,
			paint: (performance.getEntriesByName("first-contentful-paint")[0] || { startTime: -1 }).startTime,
			fetch: (performance.getEntriesByType("resource").find(e => new URL(e.name).pathname.endsWith("/web/app.wasm")) || { startTime: -1 }).startTime })`, &raw))
		var r startupReport
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: loader.js waited for the first paint from %.0f ms, first paint at %.0f ms, reported at %.0f ms, app.wasm's compiler started at %.0f ms (warm-up: %q), app.wasm started at %.0f ms, next task at %.0f ms, mount at %.0f ms; LCP entries %+v; long tasks %+v",
			path, r.Wait, r.Paint, r.FCP, r.Compiler, r.Warmed, r.Run, r.Turn, r.Mount, r.LCP, r.Long)
		if want := "mounted " + path; r.Warmed != want {
			t.Errorf("%s: the compile worker's warm-up reported %q, want %q: the page compiles the Go runtime's start and its mount on its main thread", path, r.Warmed, want)
		}
		// On a busy machine the report can come after loader.js's limit;
		// then the compiler may start when the limit ends the wait, and
		// never before.
		limit := r.Wait + float64(loaderPaintLimit.Milliseconds())
		if r.Wait < 0 || r.Paint < 0 || r.FCP < 0 || (r.Compiler < r.FCP && r.Compiler < limit) {
			t.Errorf("%s: app.wasm's compiler started at %.0f ms, before the first contentful paint (at %.0f ms) was reported at %.0f ms and before loader.js's wait, begun at %.0f ms, reached its limit", path, r.Compiler, r.Paint, r.FCP, r.Wait)
		}
		if r.Fetch >= 0 {
			t.Errorf("%s: the page itself requested app.wasm at %.0f ms, and compiles it on its main thread", path, r.Fetch)
		}
		if r.Mount < 0 || r.Run < 0 || r.Turn < 0 {
			t.Errorf("%s: the prerendered page was never replaced, or app.wasm never started", path)
			continue
		}
		if r.Retired < r.Mount {
			t.Errorf("%s: the compile worker, its warm-up over, was stopped at %.0f ms, before the live page was mounted at %.0f ms: tearing it down takes the CPU from the start", path, r.Retired, r.Mount)
		}
		// Once mounted, the page stops it when idle (authlabAfterMount waits
		// for idle 2 s at most), well before authlabRetireLimit's 10 s.
		if r.Retired > r.Mount+8000 {
			t.Errorf("%s: the compile worker was stopped %.0f ms after the mount: only by the page's 10 s limit, not once the page was idle", path, r.Retired-r.Mount)
		}
		if r.Turn > r.Mount {
			t.Errorf("%s: app.wasm started at %.0f ms and mounted the live page at %.0f ms in the same task, blocking the page throughout", path, r.Run, r.Mount)
		}
		if r.FCP < 0 || r.FCP > r.Mount {
			t.Errorf("%s: the live page was mounted at %.0f ms, before the prerendered page's first paint was reported (%.0f ms)", path, r.Mount, r.FCP)
		}
		if len(r.LCP) == 0 {
			t.Errorf("%s: no largest contentful paint", path)
			continue
		}
		if last := r.LCP[len(r.LCP)-1]; last.T > r.Mount {
			t.Errorf("%s: the largest contentful paint is %s at %.0f ms, painted by the live page mounted at %.0f ms, not the prerendered page's first paint",
				path, last.Name, last.T, r.Mount)
		}
	}
}

// TestCompileWorkerWarmUp starts web/compile.js, as app.js does, with
// Go's wasm_exec.js for every page, for a page of a site served under a
// base path, and for a path no page has, so that no page needs more of
// the headless document than it offers, and then with
// two glue scripts that cannot run the program: one the worker cannot
// load, and one that loads but defines no Go. The worker must send the
// compiled module and then report the route it mounted, or, without a
// usable glue, why the warm-up did not run, so that a failed warm-up
// never stops the page from starting. After a mount, the headless
// document must carry the title the page's OnMount gives it: the run
// went on past the mount into what the mount dispatched.
func TestCompileWorkerWarmUp(t *testing.T) {
	tab := uiBrowser(t)
	tab.openURL(baseURL + "/")
	type warmCase struct{ glue, page, want, base string }
	var cases []warmCase
	for _, p := range ui.Paths() {
		cases = append(cases, warmCase{"/wasm_exec.js", p, "mounted " + p, ""})
	}
	cases = append(cases,
		warmCase{"/wasm_exec.js", "/learn/jwt/", "mounted /learn/jwt", ""},
		warmCase{"/wasm_exec.js", "/authlab/oauth", "mounted /oauth", "/authlab"},
		warmCase{"/wasm_exec.js", notFoundPath, "mounted not found", ""},
		warmCase{"/wasm_exec.js", "/jwt/index.html", "mounted not found", ""},
		warmCase{"/web/no-such-script.js", "/jwt", "wasm_exec.js could not be loaded: ", ""},
		warmCase{"/web/compile.js", "/jwt", "wasm_exec.js could not be loaded: ReferenceError", ""},
	)
	for _, c := range cases {
		var got struct {
			Type   string `json:"type"`
			Warmed string `json:"warmed"`
			Title  string `json:"title"`
			Module bool   `json:"module"`
			Error  string `json:"error"`
		}
		tab.eval(fmt.Sprintf(`new Promise(resolve => {
  const w = new Worker("/web/compile.js");
  let module = false, type = "";
  w.onmessage = e => {
    switch (e.data.type) {
      case "progress": return;
      case "module": module = e.data.module instanceof WebAssembly.Module; type = "module"; return;
      case "warmed": w.terminate(); resolve({ type, module, warmed: String(e.data.warmed), title: String(e.data.title), error: "" }); return;
      default: w.terminate(); resolve({ type: e.data.type, module, warmed: "", error: String(e.data.error) });
    }
  };
  w.postMessage({ url: new URL("/web/app.wasm", location.href).href, total: 0,
    glue: new URL(%s, location.href).href, page: %s,
    env: Object.assign({}, goappEnv, { AUTHLAB_BASE_PATH: %s, GOAPP_ROOT_PREFIX: %s || "/" }) });
})`, jsString(c.glue), jsString(c.page), jsString(c.base), jsString(c.base)), &got)
		if got.Type != "module" || !got.Module {
			t.Errorf("glue %s, page %s: the worker sent %q (%s), not the compiled module", c.glue, c.page, got.Type, got.Error)
			continue
		}
		if !strings.HasPrefix(got.Warmed, c.want) {
			t.Errorf("glue %s, page %s: the warm-up reported %q, want %q", c.glue, c.page, got.Warmed, c.want)
		}
		// The page heading names the document in its OnMount: a title
		// says the run went past the mount into the dispatches after it.
		if h1, ok := pageTitles[strings.TrimPrefix(c.page, c.base)]; ok && strings.HasPrefix(c.want, "mounted ") && !strings.Contains(got.Title, h1) {
			t.Errorf("page %s: the warm-up left the document titled %q, want it to name %q: no OnMount ran in the warm-up", c.page, got.Title, h1)
		}
	}
}

// TestPageStartsWhenWarmUpHangs runs the page's own start of app.wasm
// (authlabInstantiate, app/ui's appjs_compile.js) with two glues whose
// warm-up never ends: a wasm_exec.js that computes forever, so that the
// worker's event loop never gets a turn and its own limit never fires,
// and a Go that instantiates the module and then waits forever, so that
// the worker gives up at its limit (warmLimit, 3 s) and says so. The page
// must get its instance all the same, after its own wait or the worker's,
// and stop the worker by then: only a worker whose run ended may outlive
// the start.
func TestPageStartsWhenWarmUpHangs(t *testing.T) {
	cases := []struct {
		name, glue, messages string
		min, max             float64
	}{
		{"computes forever", "for (;;) {}", "module", 3000, 10000},
		{"waits forever", `self.Go = class {
  constructor() { this.importObject = { gojs: new Proxy({}, { get: () => () => {} }) }; }
  run() { return new Promise(() => {}); }
};`, "module,warmed", 2500, 10000},
	}
	for _, c := range cases {
		tab := uiBrowser(t)
		tab.openURL(baseURL + "/jwt")
		var got struct {
			Error      string   `json:"error"`
			Instance   bool     `json:"instance"`
			Terminated bool     `json:"terminated"`
			Messages   []string `json:"messages"`
			Waited     float64  `json:"waited"`
		}
		tab.eval(fmt.Sprintf(`new Promise(resolve => {
  const glue = URL.createObjectURL(new Blob([%s], { type: "text/javascript" }));
  const messages = [];
  let terminated = false, moduleAt = -1;
  const W = window.Worker;
  window.Worker = function (...args) {
    const w = new W(...args);
    w.addEventListener("message", e => {
      if (e.data.type === "progress") return;
      messages.push(e.data.type);
      if (e.data.type === "module") moduleAt = performance.now();
    });
    const stop = w.terminate;
    w.terminate = function () { terminated = true; return stop.call(this); };
    return w;
  };
  const giveUp = setTimeout(() => resolve({ error: "authlabInstantiate never settled", messages }), 20000);
  authlabInstantiate(() => Promise.reject(new Error("go-app's own instantiate was used")),
    { url: "/web/app.wasm", progress: () => {}, glue }, new Go().importObject)
    .then(r => ({ instance: r.instance instanceof WebAssembly.Instance, error: "" }), e => ({ instance: false, error: String(e) }))
    .then(r => {
      clearTimeout(giveUp);
      window.Worker = W;
      resolve(Object.assign(r, { terminated, messages, waited: moduleAt < 0 ? -1 : performance.now() - moduleAt }));
    });
})`, jsString(c.glue)), &got)
		if got.Error != "" || !got.Instance {
			t.Errorf("%s: the page did not get its instance: %q (the worker sent %v)", c.name, got.Error, got.Messages)
			continue
		}
		if strings.Join(got.Messages, ",") != c.messages {
			t.Errorf("%s: the worker sent %v, want %s", c.name, got.Messages, c.messages)
		}
		// authlabWarmWait is 3500 ms, the worker's warmLimit 3000 ms: an
		// instance much sooner means the page did not wait at all.
		if got.Waited < c.min || got.Waited > c.max {
			t.Errorf("%s: the page went on %.0f ms after the module arrived, want %.0f–%.0f", c.name, got.Waited, c.min, c.max)
		}
		if !got.Terminated {
			t.Errorf("%s: the page went on without stopping the worker whose warm-up did not end", c.name)
		}
	}
}
