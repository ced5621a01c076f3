package ratio

import (
	"math"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-3 }

func TestPairedExact(t *testing.T) {
	// Every round 2× apart: no spread, so the interval is the point.
	iv, ok := Paired([]float64{200, 400, 100}, []float64{100, 200, 50})
	if !ok || iv.N != 3 || !near(iv.Ratio, 2) || !near(iv.Lo, 2) || !near(iv.Hi, 2) || !iv.Resolves() {
		t.Fatalf("%+v %v", iv, ok)
	}
}

func TestPairedInterval(t *testing.T) {
	// log-ratios ln 1.1 and ln 0.9 …: computed by hand from the t-interval.
	a := []float64{110, 90, 110, 90}
	b := []float64{100, 100, 100, 100}
	iv, ok := Paired(a, b)
	if !ok {
		t.Fatal("no interval")
	}
	l1, l2 := math.Log(1.1), math.Log(0.9)
	mean := (l1 + l2) / 2
	sd := math.Sqrt((2*(l1-mean)*(l1-mean) + 2*(l2-mean)*(l2-mean)) / 3)
	half := 3.182 * sd / 2
	if !near(iv.Ratio, math.Exp(mean)) || !near(iv.Lo, math.Exp(mean-half)) || !near(iv.Hi, math.Exp(mean+half)) {
		t.Errorf("%+v, want %.4f [%.4f, %.4f]", iv, math.Exp(mean), math.Exp(mean-half), math.Exp(mean+half))
	}
	if iv.Resolves() {
		t.Errorf("%v resolves, but the rounds disagree on the sign", iv)
	}
	if w := iv.Width(); w <= 0.1 {
		t.Errorf("width %.3f: ±10%% rounds cannot give a narrower interval", w)
	}
	// More rounds of the same spread give a narrower interval.
	more, _ := Paired(append(append(a, a...), a...), append(append(b, b...), b...))
	if more.Width() >= iv.Width() {
		t.Errorf("12 rounds %.3f not narrower than 4 rounds %.3f", more.Width(), iv.Width())
	}
}

func TestPairedSkips(t *testing.T) {
	if _, ok := Paired([]float64{1}, []float64{1}); ok {
		t.Error("one pair gave an interval")
	}
	// A zero (a failed round) and an unpaired round are left out.
	iv, ok := Paired([]float64{0, 300, 300, 7}, []float64{100, 100, 100})
	if !ok || iv.N != 2 || !near(iv.Ratio, 3) {
		t.Errorf("%+v %v", iv, ok)
	}
}

func TestTQuantile(t *testing.T) {
	if TQuantile975(4) != 2.776 || TQuantile975(30) != 2.042 || !math.IsInf(TQuantile975(0), 1) {
		t.Error("table lookup")
	}
	// Past the table the approximation continues it: between 1.96 and t(30).
	for _, df := range []int{31, 60, 1000} {
		if q := TQuantile975(df); q <= 1.96 || q >= 2.042 {
			t.Errorf("t(%d) = %.4f", df, q)
		}
	}
	if q := TQuantile975(60); math.Abs(q-2.000) > 0.002 {
		t.Errorf("t(60) = %.4f, tables give 2.000", q)
	}
}
