// Package ratio estimates how much faster or slower one variant is than
// another from measurements taken side by side: the geometric mean of the
// paired ratios and a 95% confidence interval for it. The edge benchmark
// and the Lighthouse runner both report their ratios with it.
package ratio

import (
	"fmt"
	"math"
)

// Interval is a ratio between two variants estimated from paired runs:
// the geometric mean of the per-run ratios, and a confidence interval for
// it.
type Interval struct {
	Ratio, Lo, Hi float64
	N             int // paired runs
}

// Confidence is the level of every interval Paired returns.
const Confidence = 0.95

// Paired estimates a/b from runs that ran side by side: a[i] and b[i] met
// the same load on the machine, so the ratio is taken per run and the runs
// are treated as independent samples of its logarithm. The interval is
// Student's t-interval on the mean log-ratio, turned back into a ratio:
// with fewer runs, or runs that disagree more, it widens. Non-positive
// values and unpaired runs are left out; fewer than two pairs give no
// interval (ok false).
func Paired(a, b []float64) (iv Interval, ok bool) {
	var logs []float64
	for i := range min(len(a), len(b)) {
		if a[i] > 0 && b[i] > 0 {
			logs = append(logs, math.Log(a[i]/b[i]))
		}
	}
	n := len(logs)
	if n < 2 {
		return Interval{}, false
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
	half := TQuantile975(n-1) * math.Sqrt(ss/float64(n-1)/float64(n))
	return Interval{Ratio: math.Exp(mean), Lo: math.Exp(mean - half), Hi: math.Exp(mean + half), N: n}, true
}

// Resolves reports whether the interval excludes 1: the runs can tell the
// two apart.
func (iv Interval) Resolves() bool { return iv.Lo > 1 || iv.Hi < 1 }

// Width is the interval's half-width as a share of the ratio, the
// resolution of the runs: ±0.05 resolves a 10% difference.
func (iv Interval) Width() float64 { return (iv.Hi - iv.Lo) / 2 / iv.Ratio }

func (iv Interval) String() string {
	return fmt.Sprintf("%.2f× [%.2f, %.2f]", iv.Ratio, iv.Lo, iv.Hi)
}

// t975 holds the 0.975 quantiles of Student's t distribution for 1 to 30
// degrees of freedom (any statistics table; e.g. NIST/SEMATECH
// e-Handbook §1.3.6.7.2).
var t975 = [...]float64{
	12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
	2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
	2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
}

// TQuantile975 is the two-sided 95% critical value of Student's t with df
// degrees of freedom; above 30 it is the normal's 1.96 corrected by the
// first term of its expansion in 1/df (Abramowitz and Stegun 26.7.5).
func TQuantile975(df int) float64 {
	if df < 1 {
		return math.Inf(1)
	}
	if df <= len(t975) {
		return t975[df-1]
	}
	const z = 1.959964
	return z + (z*z*z+z)/(4*float64(df))
}
