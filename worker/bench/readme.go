package main

import (
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/authlab/authlab/app/ratio"
	"github.com/authlab/authlab/worker/devserver"
)

// The section of docs/performance.md that a complete run rewrites.
const (
	readmeBegin = "<!-- bench-edge:begin (written by `make bench-edge`) -->"
	readmeEnd   = "<!-- bench-edge:end -->"
)

// resultsFile is the committed results file, relative to the repository.
const resultsFile = "docs/performance.md"

// errNoSection is returned when the results file lacks the markers.
var errNoSection = errors.New(resultsFile + " has no bench-edge section")

// writeResults replaces the bench-edge section of docs/performance.md
// with r's summary, when the run measured every endpoint with the
// project's glue and Hono. A partial run, as while iterating with
// -endpoints, leaves it.
func (r *report) writeResults() error {
	if !r.cfg.readme {
		return nil
	}
	if why := r.partial(); why != "" {
		log.Printf("%s left as it is: %s", resultsFile, why)
		return nil
	}
	path := filepath.Join(r.cfg.root, filepath.FromSlash(resultsFile))
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	i := strings.Index(text, readmeBegin)
	j := strings.Index(text, readmeEnd)
	if i < 0 || j < i {
		return errNoSection
	}
	text = text[:i+len(readmeBegin)] + "\n" + wrapProse(r.resultsSection(), 100) + text[j:]
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		return err
	}
	log.Printf("wrote the bench-edge section of %s", path)
	return nil
}

// partial says why the run cannot stand for the project, or "".
func (r *report) partial() string {
	if len(r.endpoints) != len(endpoints) {
		return "not every endpoint was measured"
	}
	if r.index("go-glue") < 0 || r.index(baseline) < 0 {
		return "go-glue or hono was not measured"
	}
	for ei := range r.endpoints {
		for _, vi := range []int{r.index("go-glue"), r.index(baseline)} {
			if !r.rows[ei][vi].valid() {
				return fmt.Sprintf("%s has no valid measurement of %s", r.variants[vi].name, r.endpoints[ei].name)
			}
		}
	}
	return ""
}

// index returns the position of the variant named name, or -1.
func (r *report) index(name string) int {
	for i, v := range r.variants {
		if v.name == name {
			return i
		}
	}
	return -1
}

func (r *report) resultsSection() string {
	var b strings.Builder
	c := r.cfg
	glue, hono := r.index("go-glue"), r.index(baseline)
	fmt.Fprintf(&b, "`make bench-edge` (`go run ./worker/bench`) runs the worker beside a Hono %s worker "+
		"doing the same work with the same algorithms and parameters (ES256, PBKDF2-SHA256 at %s iterations, the same D1 "+
		"schema and quota upsert; both take the vars of `worker/wrangler.jsonc`), and drives each endpoint with "+
		"`wrk -t%d -c%d -d%s` in %d interleaved rounds: %s. A round with any non-2xx answer or socket error is reported as "+
		"invalid, not quoted. Ratios are Authlab / Hono: above 1 is better for req/s, below 1 for latency and CPU. "+
		"CPU per request is the utime+stime of the worker's own workerd during the rounds, divided by the requests "+
		"answered; it includes workerd's HTTP handling and the local D1 (SQLite) for both. The req/s ratio is the "+
		"geometric mean of the per-round ratios with its 95%% t-interval in brackets, the run's resolution: an interval "+
		"that includes 1 cannot tell the two apart. The other ratios are of the medians "+
		"over the rounds; \"rounds ahead\" counts the rounds in which Authlab answered more requests per second, and "+
		"those in which its p99 was no higher, than Hono in the round run right beside it. One run on a %s:\n\n",
		npmVersion(c, "hono"), r.project.iterations(), c.threads, c.conns, c.duration, c.rounds, r.runtimeText(), r.machine())
	b.WriteString("| endpoint | req/s | p50 | p99 | rounds ahead, req/s · p99 | CPU per request, Authlab / Hono |\n" +
		"|---|---:|---:|---:|---:|---:|\n")
	for ei, e := range r.endpoints {
		g, h := r.rows[ei][glue].result(), r.rows[ei][hono].result()
		faster, tighter, n := r.rows[ei][glue].ahead(&r.rows[ei][hono])
		rps := fmt.Sprintf("%.2f×", g.ReqPerSec/h.ReqPerSec)
		if iv, ok := ratio.Paired(r.rows[ei][glue].series(reqPerSec), r.rows[ei][hono].series(reqPerSec)); ok {
			rps = iv.String()
		}
		fmt.Fprintf(&b, "| `%s` (%s) | %s | %.2f× | %.2f× | %d/%d · %d/%d | %s / %s |\n", e.title(), short(e.name),
			rps, float64(g.P50)/float64(h.P50), float64(g.P99)/float64(h.P99),
			faster, n, tighter, n, msShort(g.CPUPerReq), msShort(h.CPUPerReq))
	}
	if cg, ch := r.cold[glue], r.cold[hono]; cg != nil && ch != nil {
		fmt.Fprintf(&b, "| cold start, first response (Go start in it) | | | %.2f× | | %s (%s) / %s |\n",
			float64(cg.first)/float64(ch.first), msShort(cg.first), goStart(cg), msShort(ch.first))
	}
	r.floorTable(&b)
	r.goFloorTable(&b)
	if len(r.sizes) > 0 {
		s := r.sizes[0]
		fmt.Fprintf(&b, "\n`app.wasm` is %.1f MB raw, %.2f MB with gzip -9", float64(s.raw)/1e6, float64(s.gzip)/1e6)
		if s.brotli > 0 {
			fmt.Fprintf(&b, " and %.2f MB with brotli", float64(s.brotli)/1e6)
		}
		b.WriteString("; `worker/size_test.go` holds it to 2.5 MB with gzip -9 and 9.5 MB raw.\n")
	}
	r.leversTable(&b)
	for ei, e := range r.endpoints {
		if e.name != "login" {
			continue
		}
		g, h := r.rows[ei][glue].result(), r.rows[ei][hono].result()
		fmt.Fprintf(&b, "\nWith `PBKDF2_ITERATIONS` at %s, a login costs %s of CPU in the worker's workerd under load "+
			"(Hono: %s), against the Free plan's 10 ms", r.project.iterations(), msShort(g.CPUPerReq), msShort(h.CPUPerReq))
		if cg, ch := r.cpu[ei][glue], r.cpu[ei][hono]; cg != nil && ch != nil && cg.perReqRun > 0 && ch.perReqRun > 0 {
			fmt.Fprintf(&b, "; one at a time, %s (Hono: %s), which also counts workerd's HTTP handling and the local "+
				"D1's SQLite, or %s (Hono: %s) net of a request that the worker answers with a 404",
				msShort(cg.perReqRun), msShort(ch.perReqRun), msShort(cg.own()), msShort(ch.own()))
			if fl := r.index(floor); fl >= 0 && r.cpu[ei][fl] != nil && r.cpu[ei][fl].perReqRun > 0 {
				fmt.Fprintf(&b, "; the floor, which does no work, costs %s by the first measure", msShort(r.cpu[ei][fl].perReqRun))
			}
		}
		b.WriteString(". The variable sets the count for new hashes, each hash records its own, and a login moves " +
			"an account to the configured count.\n")
	}
	fmt.Fprintf(&b, "\nMeasured with `go run ./worker/bench%s` on %s, %s; every table of the run, CPU at concurrency 1 "+
		"included, is in `worker/bench/results/latest.md`.\n", flagsOf(os.Args[1:]), time.Now().UTC().Format("2006-01-02"), r.source)
	return b.String()
}

// leversTable shows, for the go-glue@<rev> variants of -revs in order and
// then the working tree, req/s against Hono and CPU per request on every
// endpoint, and how much each step moved the CPU.
func (r *report) leversTable(b *strings.Builder) {
	var steps []int
	for vi, v := range r.variants {
		if v.rev != "" || v.name == "go-syumai" {
			steps = append(steps, vi)
		}
	}
	if len(steps) == 0 {
		return
	}
	steps = append(steps, r.index("go-glue"))
	hono := r.index(baseline)
	b.WriteString("\nLevers: the worker and its glue at earlier commits, measured in the same run; each row adds the " +
		"change named to the row above. Each cell is req/s against Hono, then CPU per request and how much the change " +
		"moved it. One run moves by 15–20 % on a busy machine, so small steps are noise.\n\n| worker | change |")
	for _, e := range r.endpoints {
		fmt.Fprintf(b, " %s |", e.name)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---:|", len(r.endpoints)) + "\n")
	for k, vi := range steps {
		v := r.variants[vi]
		name, change := v.name, v.subject
		switch {
		case v.name == "go-glue":
			name, change = "this tree", "every commit since the row above"
			if short, ok := strings.CutPrefix(r.source, "commit "); ok {
				short, _, _ = strings.Cut(short, ",")
				name = "this tree (" + short + ")"
				if r.measuredRev(short) {
					change = "the same as the row above"
				}
			}
		case v.name == "go-syumai":
			change = "syumai's generated glue: a Go instance per request"
		case k == 0:
			change = "the starting point"
		}
		fmt.Fprintf(b, "| %s | %s |", name, strings.ReplaceAll(change, "|", "/"))
		for ei := range r.endpoints {
			row, base := r.rows[ei][vi], r.rows[ei][hono]
			if !row.valid() {
				b.WriteString(" – |")
				continue
			}
			res := row.result()
			cell := fmt.Sprintf("%.2f× · %s", res.ReqPerSec/base.result().ReqPerSec, msShort(res.CPUPerReq))
			if k > 0 {
				if prev := r.rows[ei][steps[k-1]]; prev.valid() && prev.result().CPUPerReq > 0 && res.CPUPerReq > 0 {
					cell += fmt.Sprintf(" (%+.0f%%)", 100*(float64(res.CPUPerReq)/float64(prev.result().CPUPerReq)-1))
				}
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
	}
}

// measuredRev reports whether the commit short is one of the
// go-glue@<rev> variants.
func (r *report) measuredRev(short string) bool {
	for _, v := range r.variants {
		if v.rev != "" && !v.syumai && (strings.HasPrefix(short, v.rev) || strings.HasPrefix(v.rev, short)) {
			return true
		}
	}
	return false
}

// machine describes the machine in a few words.
func (r *report) machine() string {
	for _, e := range r.env {
		if m, ok := strings.CutPrefix(e, "machine: "); ok {
			model, rest, _ := strings.Cut(m, ", ")
			cpus, _, _ := strings.Cut(rest, ", ")
			return strings.TrimSpace(cpus) + " " + model + " machine, shared with other work"
		}
	}
	return "shared machine"
}

func short(endpoint string) string {
	switch endpoint {
	case "protected":
		return "ES256 verify, one token"
	case "protected-distinct":
		return "ES256 verify, " + distinctCountText + " tokens"
	case "login":
		return "PBKDF2 + sign + D1"
	case "data":
		return "API key + D1 quota"
	case "token":
		return "client_credentials"
	}
	return endpoint
}

func goStart(c *coldStart) string {
	if d, ok := c.timing["go-start"]; ok {
		return fmt.Sprintf("%.0f ms", d)
	}
	return "–"
}

func msShort(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms >= 20:
		return fmt.Sprintf("%.0f ms", ms)
	case ms >= 1:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.2f ms", ms) // CPU per request is often a fraction of a millisecond
}

// wrapProse wraps the lines of md that are not table rows at width
// columns, as the rest of the results file is written.
func wrapProse(md string, width int) string {
	var out strings.Builder
	for _, line := range strings.SplitAfter(md, "\n") {
		if strings.HasPrefix(line, "|") || len(line) <= width+1 {
			out.WriteString(line)
			continue
		}
		n := 0
		for i, word := range strings.Fields(line) {
			switch {
			case i == 0:
			case n+1+len(word) > width:
				out.WriteString("\n")
				n = 0
			default:
				out.WriteString(" ")
				n++
			}
			out.WriteString(word)
			n += len(word)
		}
		out.WriteString("\n")
	}
	return out.String()
}

// flagsOf quotes the command-line flags for the results file, " -revs a,b".
func flagsOf(args []string) string {
	var s strings.Builder
	for _, a := range args {
		if strings.ContainsAny(a, " \t'\"") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		s.WriteString(" " + a)
	}
	return s.String()
}

// floorTable shows, when the floor ran, how close each worker came to it
// on each endpoint: the floor's req/s is the ceiling of the harness.
func (r *report) floorTable(b *strings.Builder) {
	fl, glue, hono := r.index(floor), r.index("go-glue"), r.index(baseline)
	if fl < 0 {
		return
	}
	fmt.Fprintf(b, "\nThe floor (`worker/bench/floor`), a worker that answers at once and does no work, ran in the same "+
		"rounds: its req/s is the most that the runtime, wrk and this machine allow, and its p99 the tail they add "+
		"by themselves. It must reach %.0f× the req/s of the faster of Authlab and Hono for their figures to be their "+
		"own (the Go floor, below, is a floor too and does not count); the "+
		"margin is the geometric mean over the rounds with its 95%% interval, and a margin under %.0f× is marked. "+
		"Each worker's req/s as a share of the floor's, and its CPU per request under load net of the floor's "+
		"(median over the rounds):\n\n"+
		"| endpoint | floor req/s | floor p99 | Authlab / floor | Hono / floor | floor margin | net CPU, Authlab / Hono |\n|---|---:|---:|---:|---:|---:|---:|\n",
		minFloorMargin, minFloorMargin)
	for ei, e := range r.endpoints {
		if !r.rows[ei][fl].valid() {
			fmt.Fprintf(b, "| `%s` | invalid | | | | | |\n", e.title())
			continue
		}
		f, g, h := r.rows[ei][fl].result(), r.rows[ei][glue].result(), r.rows[ei][hono].result()
		margin := "–"
		if m, ok := r.floorMargin(ei); ok {
			margin = m.String()
			if m.Ratio < minFloorMargin {
				margin = "**" + margin + ", under " + fmt.Sprintf("%.0f×", minFloorMargin) + "**"
			}
		}
		net := "–"
		if gn, hn := r.rows[ei][glue].netCPU(&r.rows[ei][fl]), r.rows[ei][hono].netCPU(&r.rows[ei][fl]); len(gn) > 0 && len(hn) > 0 {
			net = msShort(time.Duration(devserver.Median(gn))) + " / " + msShort(time.Duration(devserver.Median(hn)))
		}
		fmt.Fprintf(b, "| `%s` (%s) | %.0f | %s | %.2f | %.2f | %s | %s |\n", e.title(), short(e.name), f.ReqPerSec, msShort(f.P99),
			g.ReqPerSec/f.ReqPerSec, h.ReqPerSec/f.ReqPerSec, margin, net)
	}
}

// goFloorTable shows, when the Go floor ran beside the floor, what a Go
// worker pays before doing any work of its own: its cold start, and its
// req/s and CPU per request against the JavaScript floor's on the same
// workerd, beside Authlab's.
func (r *report) goFloorTable(b *strings.Builder) {
	fl, gf, glue := r.index(floor), r.index(goFloor), r.index("go-glue")
	if fl < 0 || gf < 0 || glue < 0 {
		return
	}
	b.WriteString("\nThe Go floor (`worker/bench/gofloor`) gives the floor's fixed answers from Go through the project's glue: " +
		"what it costs over the floor is the Go runtime's and the crossing into Go, which any Go worker pays; what Authlab " +
		"costs over it is Authlab's own work. Medians over the rounds:\n\n" +
		"| endpoint | Go floor / floor, req/s | net CPU per request, Go floor | net CPU per request, Authlab |\n|---|---:|---:|---:|\n")
	for ei, e := range r.endpoints {
		if !r.rows[ei][fl].valid() || !r.rows[ei][gf].valid() {
			fmt.Fprintf(b, "| `%s` (%s) | invalid | | |\n", e.title(), short(e.name))
			continue
		}
		net := func(vi int) string {
			if d := r.rows[ei][vi].netCPU(&r.rows[ei][fl]); len(d) > 0 {
				return msShort(time.Duration(devserver.Median(d)))
			}
			return "–"
		}
		fmt.Fprintf(b, "| `%s` (%s) | %.2f | %s | %s |\n", e.title(), short(e.name),
			r.rows[ei][gf].result().ReqPerSec/r.rows[ei][fl].result().ReqPerSec, net(gf), net(glue))
	}
	if c := r.cold[gf]; c != nil {
		fmt.Fprintf(b, "\nThe Go floor's cold start: first response %s, of which the Go start %s.\n", msShort(c.first), goStart(c))
	}
}
