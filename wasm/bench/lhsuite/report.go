package lhsuite

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/authlab/authlab/worker/lighthouse"
)

// errMissing is returned for a report that lacks a figure the table has.
var errMissing = errors.New("the Lighthouse report lacks a figure")

// key names one page of one site.
type key struct{ site, page string }

// measurement is what one Lighthouse run gave.
type measurement struct {
	perf, a11y, bp int     // scores out of 100
	lcp, tbt       float64 // ms
}

func (m measurement) String() string {
	return fmt.Sprintf("performance %d, LCP %.0f ms, TBT %.0f ms, accessibility %d, best practices %d", m.perf, m.lcp, m.tbt, m.a11y, m.bp)
}

// series holds the runs of one page of one site.
type series struct{ runs []measurement }

// add reads the figures of one report.
func (s *series) add(r *lighthouse.Report) (measurement, error) {
	var m measurement
	var ok [5]bool
	m.perf, ok[0] = r.Score("performance")
	m.a11y, ok[1] = r.Score("accessibility")
	m.bp, ok[2] = r.Score("best-practices")
	m.lcp, ok[3] = r.Metric("largest-contentful-paint")
	m.tbt, ok[4] = r.Metric("total-blocking-time")
	for i, good := range ok {
		if !good {
			return m, fmt.Errorf("%w: figure %d of performance, accessibility, best practices, LCP, TBT", errMissing, i+1)
		}
	}
	s.runs = append(s.runs, m)
	return m, nil
}

// Spread is the median of values and their range, as "median (min–max)",
// each printed with format.
func Spread(values []float64, format string) string {
	v := slices.Clone(values)
	slices.Sort(v)
	if len(v) == 0 {
		return "–"
	}
	med := v[len(v)/2]
	if len(v)%2 == 0 {
		med = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return fmt.Sprintf(format+" ("+format+"–"+format+")", med, v[0], v[len(v)-1])
}

// column returns one figure of every run.
func (s *series) column(f func(measurement) float64) []float64 {
	out := make([]float64, len(s.runs))
	for i, m := range s.runs {
		out[i] = f(m)
	}
	return out
}

// Markdown renders the table: one row per page and site, each figure as
// its median and range over the runs.
func (r *Result) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Lighthouse 12.2.3, default settings (mobile, simulated throttling), %d runs per page and site, interleaved; median (min–max).\n\n", r.Runs)
	b.WriteString("| page | site | performance | LCP ms | TBT ms | accessibility | best practices |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|\n")
	for _, p := range pages(r.Sites) {
		for _, t := range r.Sites {
			s := r.samples[key{t.Label, p}]
			if s == nil {
				continue
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", p, t.Label,
				Spread(s.column(func(m measurement) float64 { return float64(m.perf) }), "%.0f"),
				Spread(s.column(func(m measurement) float64 { return m.lcp }), "%.0f"),
				Spread(s.column(func(m measurement) float64 { return m.tbt }), "%.0f"),
				Spread(s.column(func(m measurement) float64 { return float64(m.a11y) }), "%.0f"),
				Spread(s.column(func(m measurement) float64 { return float64(m.bp) }), "%.0f"))
		}
	}
	return b.String()
}
