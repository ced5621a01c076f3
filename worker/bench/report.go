package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/authlab/authlab/app/ratio"
	"github.com/authlab/authlab/worker/budget"
	"github.com/authlab/authlab/worker/devserver"
)

// row is one variant's outcome on one endpoint: a wrk result per round,
// and the error that stopped it, if any.
type row struct {
	variant variant
	rounds  []*wrkResult
	err     error
}

// valid reports whether every round ran and may be quoted.
func (r *row) valid() bool {
	if r.err != nil || len(r.rounds) == 0 {
		return false
	}
	for _, res := range r.rounds {
		if !res.valid() {
			return false
		}
	}
	return true
}

// result sums the counts of all rounds and takes the median of req/s,
// p50 and p99, each on its own.
func (r *row) result() *wrkResult {
	sum := &wrkResult{}
	var rps []float64
	var p50, p99, cpu []time.Duration
	for _, res := range r.rounds {
		sum.Requests += res.Requests
		sum.SocketErrors += res.SocketErrors
		sum.StatusErrors += res.StatusErrors
		sum.Non2xx += res.Non2xx
		rps = append(rps, res.ReqPerSec)
		p50 = append(p50, res.P50)
		p99 = append(p99, res.P99)
		if res.CPUPerReq > 0 {
			cpu = append(cpu, res.CPUPerReq)
		}
	}
	sum.ReqPerSec, sum.P50, sum.P99, sum.CPUPerReq = devserver.Median(rps), devserver.Median(p50), devserver.Median(p99), devserver.Median(cpu)
	return sum
}

// series returns one figure of every round, in order.
func (r *row) series(of func(*wrkResult) float64) []float64 {
	out := make([]float64, len(r.rounds))
	for i, res := range r.rounds {
		out[i] = of(res)
	}
	return out
}

func reqPerSec(w *wrkResult) float64 { return w.ReqPerSec }
func p99Of(w *wrkResult) float64     { return float64(w.P99) }

// netCPU is the CPU per request under load net of the floor's in the same
// round, per round: what the worker's own work costs beyond workerd's
// HTTP handling and dispatch, which the floor pays too.
func (r *row) netCPU(fl *row) []float64 {
	var out []float64
	for i := range min(len(r.rounds), len(fl.rounds)) {
		if a, f := r.rounds[i].CPUPerReq, fl.rounds[i].CPUPerReq; a > 0 && f > 0 {
			out = append(out, float64(a-f))
		}
	}
	return out
}

// perRound lists the req/s and the p99 of every round.
func (r *row) perRound() (rps, p99 string) {
	var a, b []string
	for _, res := range r.rounds {
		a = append(a, fmt.Sprintf("%.0f", res.ReqPerSec))
		b = append(b, fmt.Sprintf("%.0f", float64(res.P99)/float64(time.Millisecond)))
	}
	return strings.Join(a, ", "), strings.Join(b, ", ")
}

// ahead compares r with base round by round: each round of r ran right
// before or after the same round of base, so the two met the same load on
// the machine. It counts the rounds in which r answered more requests per
// second, and those in which its p99 was no higher, out of n.
func (r *row) ahead(base *row) (faster, tighter, n int) {
	n = min(len(r.rounds), len(base.rounds))
	for i := range n {
		if r.rounds[i].ReqPerSec > base.rounds[i].ReqPerSec {
			faster++
		}
		if r.rounds[i].P99 <= base.rounds[i].P99 {
			tighter++
		}
	}
	return faster, tighter, n
}

// report is the Markdown written to stdout and results/latest.md.
type report struct {
	cfg        *config
	project    *project // worker/wrangler.jsonc's settings, all variants ran with
	source     string   // the commit the tree was at when the run began
	variants   []variant
	endpoints  []endpoint
	rows       [][]row        // [endpoint][variant]
	cpu        [][]*cpuResult // [endpoint][variant]
	cold       []*coldStart   // [variant]
	compile    time.Duration
	sizes      []wasmSize
	env        []string
	loadBefore string
}

// init allocates the tables for r's endpoints and variants.
func (r *report) init() {
	r.rows = make([][]row, len(r.endpoints))
	r.cpu = make([][]*cpuResult, len(r.endpoints))
	for ei := range r.endpoints {
		r.rows[ei] = make([]row, len(r.variants))
		r.cpu[ei] = make([]*cpuResult, len(r.variants))
		for vi, v := range r.variants {
			r.rows[ei][vi].variant = v
		}
	}
	r.cold = make([]*coldStart, len(r.variants))
}

// failVariant records err on every endpoint of variant vi.
func (r *report) failVariant(vi int, err error) {
	for ei := range r.endpoints {
		r.rows[ei][vi].err = err
	}
}

func (r *report) markdown() string {
	var b strings.Builder
	c := r.cfg
	b.WriteString("# Worker benchmark\n\n")
	fmt.Fprintf(&b, "`wrk -t%d -c%d -d%s --timeout %s --latency`, %d round(s) per variant and endpoint, interleaved, after a %s warm-up; "+
		"%s. req/s, p50 and p99 are medians over the rounds; counts are totals. "+
		"Ratios are against Hono: above 1.00× is better for req/s, below 1.00× is better for p99 and CPU. The req/s ratio "+
		"is the geometric mean of the per-round ratios, each round's variants having run side by side, with its 95%% "+
		"t-interval in brackets: an interval that includes 1.00 means the run cannot tell the two apart. "+
		"CPU is the worker's own workerd's utime+stime during the round, per request: less sensitive to other load on the "+
		"machine than req/s.\n\n",
		c.threads, c.conns, c.duration, c.timeout, c.rounds, c.warmup, r.runtimeText())
	r.throughputTable(&b)
	r.cpuTable(&b)
	r.coldTable(&b)
	r.sizeTable(&b)
	b.WriteString("\nVariants:\n\n")
	for _, v := range r.variants {
		fmt.Fprintf(&b, "- %s: %s\n", v.name, v.what)
	}
	b.WriteString("\nEndpoints:\n\n")
	for _, e := range r.endpoints {
		fmt.Fprintf(&b, "- %s, `%s`: %s\n", e.name, e.title(), e.describe(r.project))
	}
	b.WriteString("\nEnvironment:\n\n")
	for _, e := range r.env {
		b.WriteString("- " + e + "\n")
	}
	return b.String()
}

// runtimeText says how the variants ran.
func (r *report) runtimeText() string {
	c := r.cfg
	var s string
	if c.runtime == runtimeDirect {
		s = "one workerd per variant on 127.0.0.1, started directly on a generated configuration, nothing in front of the worker"
		if c.serverCPUs != "" {
			s += ", pinned to CPU " + c.serverCPUs
		}
	} else {
		s = "one `wrangler dev` per variant on 127.0.0.1, its proxy in front of the worker"
	}
	if c.loadCPUs != "" {
		s += "; wrk pinned to CPU " + c.loadCPUs
	}
	return s
}

// floorMargin is the floor's req/s over the fastest measured worker's,
// per round, on endpoint ei; ok is false without a valid floor and a valid
// worker. The Go floor is not a measured worker but a floor of its own
// (what any Go worker pays), so it does not count.
func (r *report) floorMargin(ei int) (ratio.Interval, bool) {
	fl := r.index(floor)
	if fl < 0 || !r.rows[ei][fl].valid() {
		return ratio.Interval{}, false
	}
	var others [][]float64
	for vi := range r.variants {
		if vi != fl && r.variants[vi].name != goFloor && r.rows[ei][vi].valid() {
			others = append(others, r.rows[ei][vi].series(reqPerSec))
		}
	}
	if len(others) == 0 {
		return ratio.Interval{}, false
	}
	return floorMargin(r.rows[ei][fl].series(reqPerSec), others)
}

// marginNote says whether the floor stayed minFloorMargin above the
// workers on endpoint ei.
func (r *report) marginNote(ei int) string {
	m, ok := r.floorMargin(ei)
	if !ok {
		return "no floor margin: the floor or every worker has no valid run"
	}
	if m.Ratio < minFloorMargin {
		return fmt.Sprintf("the floor reached only %s the fastest worker's req/s, under the %.0f× needed: the harness, not the workers alone, may limit these figures", m, minFloorMargin)
	}
	return fmt.Sprintf("the floor reached %s the fastest worker's req/s, over the %.0f× needed", m, minFloorMargin)
}

func (r *report) throughputTable(b *strings.Builder) {
	b.WriteString("## Throughput\n\n")
	b.WriteString("| endpoint | variant | req/s | p50 | p99 | requests | errors | req/s vs Hono [95% CI] | p99 vs Hono | CPU/req | CPU vs Hono | CPU/req net of the floor | req/s per round | p99 per round, ms |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n")
	var notes []string
	for ei, e := range r.endpoints {
		base := r.baseline(ei)
		baseRow := r.baselineRow(ei)
		var floorRow *row
		if fl := r.index(floor); fl >= 0 && r.rows[ei][fl].valid() {
			floorRow = &r.rows[ei][fl]
		}
		notes = append(notes, fmt.Sprintf("- %s: %s.", e.name, r.marginNote(ei)))
		if base == nil {
			notes = append(notes, fmt.Sprintf("- %s: no valid Hono run, so no ratios.", e.name))
		}
		for _, row := range r.rows[ei] {
			name := row.variant.name
			if m, ok := r.floorMargin(ei); ok && name == floor {
				name = fmt.Sprintf("floor, %.2f× the fastest", m.Ratio)
				if m.Ratio < minFloorMargin {
					name = fmt.Sprintf("floor, **%.2f× the fastest, under %.0f×**", m.Ratio, minFloorMargin)
				}
			}
			res := row.result()
			errs := max(res.Non2xx, res.StatusErrors) + res.SocketErrors
			switch {
			case row.err != nil && len(row.rounds) == 0:
				fmt.Fprintf(b, "| %s | %s | failed | – | – | – | – | – | – | – | – | – | – | – |\n", e.name, name)
				notes = append(notes, fmt.Sprintf("- %s %s failed: %s", e.name, name, firstLine(row.err.Error())))
			case !row.valid():
				fmt.Fprintf(b, "| %s | %s | invalid | – | – | %d | %d | – | – | – | – | – | – | – |\n", e.name, name, res.Requests, errs)
				why := "it had non-2xx responses or socket errors, so its numbers are not quoted"
				if row.err != nil {
					why = "a round failed: " + firstLine(row.err.Error())
				}
				notes = append(notes, fmt.Sprintf("- %s %s is invalid: %s.", e.name, name, why))
			default:
				rps, p99, cpu, cpuRatio, net := "–", "–", "–", "–", "–"
				if base != nil {
					rps = fmt.Sprintf("%.2f×", res.ReqPerSec/base.ReqPerSec)
					if iv, ok := ratio.Paired(row.series(reqPerSec), baseRow.series(reqPerSec)); ok && row.variant.name != baseline {
						rps = iv.String()
					}
					p99 = fmt.Sprintf("%.2f×", float64(res.P99)/float64(base.P99))
				}
				if floorRow != nil && row.variant.name != floor {
					if d := row.netCPU(floorRow); len(d) > 0 {
						net = ms(time.Duration(devserver.Median(d)))
					}
				}
				if res.CPUPerReq > 0 {
					cpu = ms(res.CPUPerReq)
					if base != nil && base.CPUPerReq > 0 {
						cpuRatio = fmt.Sprintf("%.2f×", float64(res.CPUPerReq)/float64(base.CPUPerReq))
					}
				}
				rpsRounds, p99Rounds := row.perRound()
				fmt.Fprintf(b, "| %s | %s | %.1f | %s | %s | %d | %d | %s | %s | %s | %s | %s | %s | %s |\n",
					e.name, name, res.ReqPerSec, ms(res.P50), ms(res.P99), res.Requests, errs, rps, p99, cpu, cpuRatio, net, rpsRounds, p99Rounds)
			}
		}
	}
	if len(notes) > 0 {
		b.WriteString("\nResolution and problems:\n\n" + strings.Join(notes, "\n") + "\n")
	}
}

func (r *report) cpuTable(b *strings.Builder) {
	if r.cfg.cpuRequests == 0 {
		return
	}
	fmt.Fprintf(b, "\n## CPU time per request\n\n"+
		"%d sequential requests per variant and endpoint (concurrency 1), after %d unmeasured ones: the utime+stime of the "+
		"variant's workerd processes over the run, divided by the count. Directly on workerd there is one process; `wrangler dev` runs two: a proxy on the port it "+
		"serves, and the worker's own runtime. The worker's workerd also runs the local D1 (SQLite), so its figure is an upper bound of the "+
		"CPU time the runtime accounts to the worker, alike for every variant; net of the floor, which does no work on the same workerd, "+
		"it is the nearest local figure to what Cloudflare bills. /proc counts in clock ticks, so take at least a few hundred requests. "+
		"The Free plan allows %s per request.\n\n",
		r.cfg.cpuRequests, cpuWarmup, ms(freePlanCPU))
	b.WriteString("| endpoint | variant | CPU per request, worker's workerd | net of the floor | net vs Hono | of the Free plan's 10 ms | vs Hono | all workerd processes | p50 at c=1 |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for ei, e := range r.endpoints {
		var base *cpuResult
		for vi, v := range r.variants {
			if v.name == baseline && r.cpu[ei][vi] != nil && r.cpu[ei][vi].err == nil {
				base = r.cpu[ei][vi]
			}
		}
		var fl *cpuResult
		if i := r.index(floor); i >= 0 && r.cpu[ei][i] != nil && r.cpu[ei][i].err == nil {
			fl = r.cpu[ei][i]
		}
		net := func(c *cpuResult) (time.Duration, bool) {
			if c == nil || fl == nil || c.perReqRun == 0 || fl.perReqRun == 0 {
				return 0, false
			}
			return c.perReqRun - fl.perReqRun, true
		}
		for vi, v := range r.variants {
			res := r.cpu[ei][vi]
			switch {
			case res == nil:
				fmt.Fprintf(b, "| %s | %s | not measured | – | – | – | – | – | – |\n", e.name, v.name)
			case res.err != nil:
				fmt.Fprintf(b, "| %s | %s | failed: %s | – | – | – | – | – | – |\n", e.name, v.name, firstLine(res.err.Error()))
			default:
				ratio, netText, netRatio := "–", "–", "–"
				if base != nil && base.perReqRun > 0 {
					ratio = fmt.Sprintf("%.2f×", float64(res.perReqRun)/float64(base.perReqRun))
				}
				if d, ok := net(res); ok && v.name != floor {
					netText = ms(d)
					if bd, ok := net(base); ok && bd > 0 && v.name != baseline {
						netRatio = fmt.Sprintf("%.2f×", float64(d)/float64(bd))
					}
				}
				fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %.0f%% | %s | %s | %s |\n", e.name, v.name, ms(res.perReqRun), netText, netRatio,
					100*float64(res.perReqRun)/float64(freePlanCPU), ratio, ms(res.perReq), ms(res.p50))
			}
		}
	}
}

func (r *report) coldTable(b *strings.Builder) {
	fmt.Fprintf(b, "\n## Cold start\n\n"+
		"The first `GET /api/health` of a fresh server (workerd, or `wrangler dev`, once it has loaded the modules and compiled app.wasm), "+
		"against the median of the next %d, every request on a new connection; medians over %d start(s) per variant. "+
		"The project's glue reports, in Server-Timing on the response that started the Go instance, how long "+
		"`new WebAssembly.Instance` and the Go program's start until it serves took.\n\n", warmSamples, r.cfg.coldRuns)
	b.WriteString("| variant | first response | later responses (median) | wasm instantiate | Go start |\n|---|---:|---:|---:|---:|\n")
	for vi, v := range r.variants {
		cs := r.cold[vi]
		if cs == nil {
			fmt.Fprintf(b, "| %s | not measured | – | – | – |\n", v.name)
			continue
		}
		timing := func(name string) string {
			if d, ok := cs.timing[name]; ok {
				return fmt.Sprintf("%.2f ms", d)
			}
			return "–"
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", v.name, ms(cs.first), ms(cs.warm), timing("wasm-instantiate"), timing("go-start"))
	}
	if r.compile > 0 {
		fmt.Fprintf(b, "\nCompiling app.wasm (`new WebAssembly.Module`) takes %s in the pinned node's V8 (median of %d processes).\n", ms(r.compile), compileRuns)
	}
}

func (r *report) sizeTable(b *strings.Builder) {
	if len(r.sizes) == 0 {
		return
	}
	fmt.Fprintf(b, "\n## Size\n\napp.wasm, gzip -9 and brotli -q 11. Budget, enforced by worker/size_test.go: %s gzip, %s raw.\n\n",
		size(budget.WorkerGzip), size(budget.WorkerRaw))
	b.WriteString("| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n")
	for _, s := range r.sizes {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", s.path, size(s.raw), size(s.gzip), size(s.brotli))
	}
}

// baselineRow returns the valid Hono row of endpoint ei, or nil.
func (r *report) baselineRow(ei int) *row {
	for i := range r.rows[ei] {
		if r.rows[ei][i].variant.name == baseline && r.rows[ei][i].valid() {
			return &r.rows[ei][i]
		}
	}
	return nil
}

// baseline returns the valid Hono result of endpoint ei, or nil.
func (r *report) baseline(ei int) *wrkResult {
	for _, row := range r.rows[ei] {
		if row.variant.name == baseline && row.valid() {
			return row.result()
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

// size prints a byte count with MiB; negative means unknown.
func size(n int64) string {
	if n < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%d B (%.2f MiB)", n, float64(n)/(1<<20))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
