package main

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// row is one variant's outcome: a wrk result per round, and the error
// that stopped it, if any.
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
	var p50, p99 []time.Duration
	for _, res := range r.rounds {
		sum.Requests += res.Requests
		sum.SocketErrors += res.SocketErrors
		sum.StatusErrors += res.StatusErrors
		sum.Non2xx += res.Non2xx
		rps = append(rps, res.ReqPerSec)
		p50 = append(p50, res.P50)
		p99 = append(p99, res.P99)
	}
	sum.ReqPerSec, sum.P50, sum.P99 = median(rps), median(p50), median(p99)
	return sum
}

// perRound lists the req/s of every round.
func (r *row) perRound() string {
	var s []string
	for _, res := range r.rounds {
		s = append(s, fmt.Sprintf("%.0f", res.ReqPerSec))
	}
	return strings.Join(s, ", ")
}

// median returns the middle value, or the mean of the two middle ones.
func median[T float64 | time.Duration](v []T) T {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}

// report is the Markdown written to stdout and results/latest.md.
type report struct {
	cfg   *config
	rows  []row
	env   []string
	sizes []wasmSize
}

func (r *report) markdown() string {
	var b strings.Builder
	c := r.cfg
	fmt.Fprintf(&b, "# Worker benchmark: GET /api/protected (ES256 Bearer)\n\n")
	fmt.Fprintf(&b, "`wrk -t%d -c%d -d%s --latency`, %d round(s) per variant, interleaved, after a %s warm-up; "+
		"one `wrangler dev` per variant on 127.0.0.1. req/s, p50 and p99 are medians over the rounds; counts are totals.\n\n",
		c.threads, c.conns, c.duration, c.rounds, c.warmup)
	b.WriteString("| variant | req/s | p50 | p99 | requests | non-2xx | socket errors | req/s vs Hono | p99 vs Hono | req/s per round |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	base := r.baseline()
	var notes []string
	for _, row := range r.rows {
		name := row.variant.name
		res := row.result()
		switch {
		case row.err != nil && len(row.rounds) == 0:
			fmt.Fprintf(&b, "| %s | failed | – | – | – | – | – | – | – | – |\n", name)
			notes = append(notes, fmt.Sprintf("- %s failed: %s", name, firstLine(row.err.Error())))
		case !row.valid():
			fmt.Fprintf(&b, "| %s | invalid | – | – | %d | %d | %d | – | – | – |\n", name, res.Requests, max(res.Non2xx, res.StatusErrors), res.SocketErrors)
			why := "it had non-2xx responses or socket errors, so its numbers are not quoted"
			if row.err != nil {
				why = "a round failed: " + firstLine(row.err.Error())
			}
			notes = append(notes, fmt.Sprintf("- %s is invalid: %s.", name, why))
		default:
			rps, p99 := "–", "–"
			if base != nil {
				rps = fmt.Sprintf("%.2f×", res.ReqPerSec/base.ReqPerSec)
				p99 = fmt.Sprintf("%.2f×", float64(res.P99)/float64(base.P99))
			}
			fmt.Fprintf(&b, "| %s | %.1f | %s | %s | %d | %d | %d | %s | %s | %s |\n",
				name, res.ReqPerSec, ms(res.P50), ms(res.P99), res.Requests, res.Non2xx, res.SocketErrors, rps, p99, row.perRound())
		}
	}
	b.WriteString("\nVariants:\n\n")
	for _, row := range r.rows {
		fmt.Fprintf(&b, "- %s: %s\n", row.variant.name, row.variant.what)
	}
	if base == nil {
		notes = append(notes, "- No valid Hono run, so no ratios.")
	}
	if len(notes) > 0 {
		b.WriteString("\nProblems:\n\n" + strings.Join(notes, "\n") + "\n")
	}
	if len(r.sizes) > 0 {
		b.WriteString("\napp.wasm size (gzip -9, brotli -q 11):\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n")
		for _, s := range r.sizes {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", s.path, size(s.raw), size(s.gzip), size(s.brotli))
		}
	}
	b.WriteString("\nEnvironment:\n\n")
	for _, e := range r.env {
		b.WriteString("- " + e + "\n")
	}
	return b.String()
}

// baseline returns the valid Hono result, or nil.
func (r *report) baseline() *wrkResult {
	for _, row := range r.rows {
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
