package lhsuite

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/authlab/authlab/app/ratio"
	"github.com/authlab/authlab/worker/lighthouse"
)

// errMissing is returned for a report that lacks a figure the table has.
var errMissing = errors.New("the Lighthouse report lacks a figure")

// key names one page of one site.
type key struct{ site, page string }

// measurement is what one Lighthouse run gave.
type measurement struct {
	perf, a11y, bp    int     // scores out of 100
	fcp, si, lcp, tbt float64 // ms
}

func (m measurement) String() string {
	return fmt.Sprintf("performance %d, FCP %.0f ms, SI %.0f ms, LCP %.0f ms, TBT %.0f ms, accessibility %d, best practices %d",
		m.perf, m.fcp, m.si, m.lcp, m.tbt, m.a11y, m.bp)
}

// series holds the runs of one page of one site.
type series struct{ runs []measurement }

// add reads the figures of one report.
func (s *series) add(r *lighthouse.Report) (measurement, error) {
	var m measurement
	var ok [7]bool
	m.perf, ok[0] = r.Score("performance")
	m.a11y, ok[1] = r.Score("accessibility")
	m.bp, ok[2] = r.Score("best-practices")
	m.lcp, ok[3] = r.Metric("largest-contentful-paint")
	m.tbt, ok[4] = r.Metric("total-blocking-time")
	m.fcp, ok[5] = r.Metric("first-contentful-paint")
	m.si, ok[6] = r.Metric("speed-index")
	for i, good := range ok {
		if !good {
			return m, fmt.Errorf("%w: figure %d of performance, accessibility, best practices, LCP, TBT, FCP, SI", errMissing, i+1)
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
func (s *series) column(f func(measurement) float64) []float64 { return column(s.runs, f) }

// column returns f of every element of list, in order.
func column[T any](list []T, f func(T) float64) []float64 {
	out := make([]float64, len(list))
	for i, v := range list {
		out[i] = f(v)
	}
	return out
}

// Markdown renders the table: one row per page and site, each figure as
// its median and range over the runs.
func (r *Result) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Lighthouse 12.2.3, default settings (mobile, simulated throttling), %d runs per page and site, interleaved; median (min–max).\n\n", r.Runs)
	b.WriteString("| page | site | performance | FCP ms | SI ms | LCP ms | TBT ms | accessibility | best practices |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, p := range pages(r.Sites) {
		for _, t := range r.Sites {
			s := r.samples[key{t.Label, p}]
			if s == nil {
				continue
			}
			fmt.Fprintf(&b, "| `%s` | %s |", p, t.Label)
			for _, f := range columns {
				b.WriteString(" " + Spread(s.column(f), "%.0f") + " |")
			}
			b.WriteString("\n")
		}
	}
	b.WriteString(r.ratios())
	return b.String()
}

// columns are the figures of the table, in its column order; the ratio
// table compares the first five, the performance score and the timings.
var columns = []func(measurement) float64{
	func(m measurement) float64 { return float64(m.perf) },
	func(m measurement) float64 { return m.fcp },
	func(m measurement) float64 { return m.si },
	func(m measurement) float64 { return m.lcp },
	func(m measurement) float64 { return m.tbt },
	func(m measurement) float64 { return float64(m.a11y) },
	func(m measurement) float64 { return float64(m.bp) },
}

// timed is how many of columns the ratio table compares.
const timed = 5

// ratios renders every other site's figures against the first site's, page
// by page, as paired ratios (package ratio): run i of each site ran next to
// run i of the first, so each pair met the same load on the machine. A
// ratio whose interval excludes 1 is in bold. With one site, or fewer than
// two runs, there is nothing to pair and the table is left out.
func (r *Result) ratios() string {
	if len(r.Sites) < 2 || r.Runs < 2 {
		return ""
	}
	base := r.Sites[0]
	var b strings.Builder
	fmt.Fprintf(&b, "\nAgainst %s, run by run: geometric mean of the paired ratios with its %.0f%% t-interval; bold where the interval excludes 1.\n\n", base.Label, ratio.Confidence*100)
	b.WriteString("| page | site | performance | FCP | SI | LCP | TBT |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, p := range pages(r.Sites) {
		bs := r.samples[key{base.Label, p}]
		for _, t := range r.Sites[1:] {
			s := r.samples[key{t.Label, p}]
			if s == nil || bs == nil {
				continue
			}
			fmt.Fprintf(&b, "| `%s` | %s |", p, t.Label)
			for _, f := range columns[:timed] {
				cell := "–"
				if iv, ok := ratio.Paired(s.column(f), bs.column(f)); ok {
					cell = iv.String()
					if iv.Resolves() {
						cell = "**" + cell + "**"
					}
				}
				b.WriteString(" " + cell + " |")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}
