package main

import (
	"fmt"
	"math"
)

// interval is a ratio between two variants estimated from paired rounds:
// the geometric mean of the per-round ratios, and a confidence interval
// for it.
type interval struct {
	ratio, lo, hi float64
	n             int // paired rounds
}

// confidence is the level of every interval the benchmark reports.
const confidence = 0.95

// pairedRatio estimates a/b from rounds that ran side by side: a[i] and
// b[i] met the same load on the machine, so the ratio is taken per round
// and the rounds are treated as independent samples of its logarithm. The
// interval is Student's t-interval on the mean log-ratio, turned back
// into a ratio: with fewer rounds, or rounds that disagree more, it
// widens. Non-positive values and unpaired rounds are left out; fewer
// than two pairs give no interval (ok false).
func pairedRatio(a, b []float64) (iv interval, ok bool) {
	var logs []float64
	for i := range min(len(a), len(b)) {
		if a[i] > 0 && b[i] > 0 {
			logs = append(logs, math.Log(a[i]/b[i]))
		}
	}
	n := len(logs)
	if n < 2 {
		return interval{}, false
	}
	var mean float64
	for _, x := range logs {
		mean += x
	}
	mean /= float64(n)
	var ss float64
	for _, x := range logs {
		ss += (x - mean) * (x - mean)
	}
	half := tQuantile975(n-1) * math.Sqrt(ss/float64(n-1)/float64(n))
	return interval{ratio: math.Exp(mean), lo: math.Exp(mean - half), hi: math.Exp(mean + half), n: n}, true
}

// resolves reports whether the interval excludes 1: the run can tell the
// two apart.
func (iv interval) resolves() bool { return iv.lo > 1 || iv.hi < 1 }

// width is the interval's half-width as a share of the ratio, the
// resolution of the run: ±0.05 resolves a 10% difference.
func (iv interval) width() float64 { return (iv.hi - iv.lo) / 2 / iv.ratio }

func (iv interval) String() string {
	return fmt.Sprintf("%.2f× [%.2f, %.2f]", iv.ratio, iv.lo, iv.hi)
}

// t975 holds the 0.975 quantiles of Student's t distribution for 1 to 30
// degrees of freedom (any statistics table; e.g. NIST/SEMATECH
// e-Handbook §1.3.6.7.2).
var t975 = [...]float64{
	12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
}

// tQuantile975 is the two-sided 95% critical value of Student's t with df
// degrees of freedom; above 30 it is the normal's 1.96 corrected by the
// first term of its expansion in 1/df (Abramowitz and Stegun 26.7.5).
func tQuantile975(df int) float64 {
	if df < 1 {
		return math.Inf(1)
	}
	if df <= len(t975) {
		return t975[df-1]
	}
	const z = 1.959964
	return z + (z*z*z+z)/(4*float64(df))
}

// floorMargin is how far the floor stays above the fastest measured
// worker, per round: the floor's req/s over the best other variant's in
// the same round, as a paired ratio. Below minFloorMargin the harness, not
// the workers, may be what limits them.
func floorMargin(floorRPS []float64, others [][]float64) (interval, bool) {
	best := make([]float64, len(floorRPS))
	for i := range best {
		for _, o := range others {
			if i < len(o) && o[i] > best[i] {
				best[i] = o[i]
			}
		}
	}
	return pairedRatio(floorRPS, best)
}

// minFloorMargin is how many times the measured workers' req/s the floor
// must reach for their figures to be their own.
const minFloorMargin = 3.0
