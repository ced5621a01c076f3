package lhsuite

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/authlab/authlab/wasm/bench/cpushare"
	"github.com/chromedp/chromedp"
)

// liveJS is true once go-app's loader has left: the live page is mounted
// (web/loader.js keeps the loader until then).
const liveJS = `document.getElementById("app-wasm-loader") === null`

// afterMount is how long a traced load goes on once the live page is
// mounted, for the tasks that the mount's dispatches start.
const afterMount = 1500 * time.Millisecond

// ShareMarkdown traces runs loads of each page of each site, interleaved,
// each in a fresh headless chromium with flags (of the form
// --name=value), and tells, as a Markdown table, how much of the wall
// time of the page's long tasks its main thread had the CPU for (package
// cpushare): the resolution of a Total Blocking Time measured on the same
// machine. The sites must be Authlab's: a load ends once go-app's loader
// has left.
func ShareMarkdown(ctx context.Context, sites []Site, runs int, flags []string) (string, error) {
	type key struct{ site, page string }
	stats := map[key][]cpushare.Stats{}
	for i := 0; i < runs; i++ {
		for _, p := range sites[0].Pages {
			for j := range sites {
				s := sites[(i+j)%len(sites)]
				st, err := traceOnce(ctx, s.Base+p, flags)
				if err != nil {
					return "", fmt.Errorf("tracing %s%s: %w", s.Label, p, err)
				}
				fmt.Fprintf(os.Stderr, "trace run %d, %s %s: %d long tasks, %.0f ms wall, %.0f ms main-thread CPU (%.2f), top-tier compilation %.0f ms in them\n",
					i+1, s.Label, p, st.Tasks, st.WallMS, st.CPUMS, st.Share(), st.TopTier)
				stats[key{s.Label, p}] = append(stats[key{s.Label, p}], st)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\nThe same pages traced in headless chromium (%d loads per page and site, interleaved, no throttling, until the live page is mounted and %v after): the long tasks (over 50 ms) of the page's main thread, and how much of their wall time the main thread had the CPU for (the trace's thread time). Lighthouse's Total Blocking Time counts the wall time; at a share of one third, two thirds of it is other threads' and processes' work. The last two columns count the main-thread tasks after the first contentful paint as Lighthouse's simulation counts a task (4× its time, less 50 ms), once from its wall time and once from the main thread's own CPU time: what the page would block for with its main thread to itself. Median (min–max).\n\n", runs, afterMount)
	b.WriteString("| page | site | long tasks | wall ms | main-thread CPU ms | CPU share | V8 top-tier compilation in them, ms CPU | in the whole load, ms CPU | blocking ×4, from wall, ms | blocking ×4, from main-thread CPU, ms |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, p := range sites[0].Pages {
		for _, s := range sites {
			list := stats[key{s.Label, p}]
			col := func(f func(cpushare.Stats) float64) []float64 { return column(list, f) }
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", p, s.Label,
				Spread(col(func(s cpushare.Stats) float64 { return float64(s.Tasks) }), "%.0f"),
				Spread(col(func(s cpushare.Stats) float64 { return s.WallMS }), "%.0f"),
				Spread(col(func(s cpushare.Stats) float64 { return s.CPUMS }), "%.0f"),
				Spread(col(cpushare.Stats.Share), "%.2f"),
				Spread(col(func(s cpushare.Stats) float64 { return s.TopTier }), "%.0f"),
				Spread(col(func(s cpushare.Stats) float64 { return s.TopTierT }), "%.0f"),
				Spread(col(func(s cpushare.Stats) float64 { return s.BlockingWall }), "%.0f"),
				Spread(col(func(s cpushare.Stats) float64 { return s.BlockingCPU }), "%.0f"))
		}
	}
	return b.String(), nil
}

// traceOnce traces one load of url in a fresh headless chromium.
func traceOnce(ctx context.Context, url string, flags []string) (cpushare.Stats, error) {
	dir, err := os.MkdirTemp("", "authlab-chromium-")
	if err != nil {
		return cpushare.Stats{}, err
	}
	defer os.RemoveAll(dir)
	opts := append([]chromedp.ExecAllocatorOption{chromedp.ExecPath("chromium"), chromedp.Headless,
		chromedp.NoSandbox, chromedp.NoFirstRun, chromedp.UserDataDir(dir), chromedp.WindowSize(1280, 800)},
		AllocatorFlags(flags)...)
	actx, cancelA := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	tctx, cancelT := context.WithTimeout(bctx, 2*time.Minute)
	defer cancelT()
	return cpushare.Load(tctx, url, liveJS, afterMount)
}

// AllocatorFlags turns chromium flags of the form --name=value into
// chromedp's.
func AllocatorFlags(flags []string) []chromedp.ExecAllocatorOption {
	var opts []chromedp.ExecAllocatorOption
	for _, f := range flags {
		name, value, _ := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		opts = append(opts, chromedp.Flag(name, value))
	}
	return opts
}
