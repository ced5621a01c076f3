package main

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestPairedRatioExact(t *testing.T) {
	// Every round 2× apart: no spread, so the interval is the point.
	iv, ok := pairedRatio([]float64{200, 400, 100}, []float64{100, 200, 50})
	if !ok || iv.n != 3 || !near(iv.ratio, 2) || !near(iv.lo, 2) || !near(iv.hi, 2) || !iv.resolves() {
		t.Fatalf("%+v %v", iv, ok)
	}
}

func TestPairedRatioInterval(t *testing.T) {
	// log-ratios ln 1.1 and ln 0.9 …: computed by hand from the t-interval.
	a := []float64{110, 90, 110, 90}
	b := []float64{100, 100, 100, 100}
	iv, ok := pairedRatio(a, b)
	if !ok {
		t.Fatal("no interval")
	}
	l1, l2 := math.Log(1.1), math.Log(0.9)
	mean := (l1 + l2) / 2
	sd := math.Sqrt((2*(l1-mean)*(l1-mean) + 2*(l2-mean)*(l2-mean)) / 3)
	half := 3.182 * sd / 2
	if !near(iv.ratio, math.Exp(mean)) || !near(iv.lo, math.Exp(mean-half)) || !near(iv.hi, math.Exp(mean+half)) {
		t.Errorf("%+v, want %.4f [%.4f, %.4f]", iv, math.Exp(mean), math.Exp(mean-half), math.Exp(mean+half))
	}
	if iv.resolves() {
		t.Errorf("%v resolves, but the rounds disagree on the sign", iv)
	}
	if w := iv.width(); w <= 0.1 {
		t.Errorf("width %.3f: ±10%% rounds cannot give a narrower interval", w)
	}
	// More rounds of the same spread give a narrower interval.
	more, _ := pairedRatio(append(append(a, a...), a...), append(append(b, b...), b...))
	if more.width() >= iv.width() {
		t.Errorf("12 rounds %.3f not narrower than 4 rounds %.3f", more.width(), iv.width())
	}
}

func TestPairedRatioSkips(t *testing.T) {
	if _, ok := pairedRatio([]float64{1}, []float64{1}); ok {
		t.Error("one pair gave an interval")
	}
	// A zero (a failed round) and an unpaired round are left out.
	iv, ok := pairedRatio([]float64{0, 300, 300, 7}, []float64{100, 100, 100})
	if !ok || iv.n != 2 || !near(iv.ratio, 3) {
		t.Errorf("%+v %v", iv, ok)
	}
}

func TestTQuantile(t *testing.T) {
	if tQuantile975(4) != 2.776 || tQuantile975(30) != 2.042 || !math.IsInf(tQuantile975(0), 1) {
		t.Error("table lookup")
	}
	// Past the table the approximation continues it: between 1.96 and t(30).
	for _, df := range []int{31, 60, 1000} {
		if q := tQuantile975(df); q <= 1.96 || q >= 2.042 {
			t.Errorf("t(%d) = %.4f", df, q)
		}
	}
	if q := tQuantile975(60); math.Abs(q-2.000) > 0.002 {
		t.Errorf("t(60) = %.4f, tables give 2.000", q)
	}
}

func TestFloorMargin(t *testing.T) {
	floor := []float64{3000, 3300, 2700}
	iv, ok := floorMargin(floor, [][]float64{{1000, 900, 900}, {800, 1100, 700}})
	// Best per round: 1000, 1100, 900 → 3× in every round.
	if !ok || !near(iv.ratio, 3) || !near(iv.lo, 3) {
		t.Errorf("%+v %v", iv, ok)
	}
	iv, _ = floorMargin(floor, [][]float64{{1500, 1650, 1350}})
	if iv.ratio >= minFloorMargin {
		t.Errorf("a floor 2× its workers reads %v", iv)
	}
}
