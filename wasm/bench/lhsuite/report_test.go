package lhsuite

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/worker/lighthouse"
)

func TestSpreadGivesMedianAndRange(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want string
	}{
		{[]float64{90, 70, 80}, "80 (70–90)"},
		{[]float64{4, 1, 3, 2}, "2.5 (1.0–4.0)"},
		{nil, "–"},
	} {
		format := "%.0f"
		if len(c.in) == 4 {
			format = "%.1f"
		}
		if got := Spread(c.in, format); got != c.want {
			t.Errorf("Spread(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func report(t *testing.T, perf string) *lighthouse.Report {
	t.Helper()
	var r lighthouse.Report
	src := `{"categories": {
		"performance": {"score": ` + perf + `}, "accessibility": {"score": 1}, "best-practices": {"score": 0.96}},
		"audits": {"largest-contentful-paint": {"numericValue": 2500.4}, "total-blocking-time": {"numericValue": 120},
		"first-contentful-paint": {"numericValue": 900}, "speed-index": {"numericValue": 1800}}}`
	if err := json.Unmarshal([]byte(src), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func TestSeriesReadsEveryFigure(t *testing.T) {
	var s series
	m, err := s.add(report(t, "0.72"))
	if err != nil {
		t.Fatal(err)
	}
	if want := (measurement{perf: 72, a11y: 100, bp: 96, fcp: 900, si: 1800, lcp: 2500.4, tbt: 120}); m != want {
		t.Errorf("measurement = %+v, want %+v", m, want)
	}
	if _, err := s.add(report(t, "null")); !errors.Is(err, errMissing) {
		t.Errorf("a report without a performance score: err = %v, want errMissing", err)
	}
	if len(s.runs) != 1 {
		t.Errorf("%d runs kept, want only the complete one", len(s.runs))
	}
}

func TestMarkdownHasARowPerPageAndSite(t *testing.T) {
	sites := []Site{{"after", "http://a", []string{"/"}}, {"before", "http://b", []string{"/"}}}
	samples := map[key]*series{}
	for _, k := range []key{{"after", "/"}, {"before", "/"}} {
		s := &series{}
		for _, perf := range []string{"0.5", "0.7", "0.6"} {
			if _, err := s.add(report(t, perf)); err != nil {
				t.Fatal(err)
			}
		}
		samples[k] = s
	}
	md := (&Result{Sites: sites, Runs: 3, samples: samples}).Markdown()
	for _, want := range []string{"| `/` | after | 60 (50–70) | 900 (900–900) | 1800 (1800–1800) | 2500 (2500–2500) | 120 (120–120) | 100 (100–100) | 96 (96–96) |",
		"| `/` | before | 60 (50–70)", "3 runs per page and site"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

func TestMarkdownGivesASiteOnlyItsOwnPages(t *testing.T) {
	sites := []Site{{"Authlab", "https://a", []string{"/", "/jwt"}}, {"jwt.io", "https://j", []string{"/"}}}
	if got := pages(sites); strings.Join(got, " ") != "/ /jwt" {
		t.Errorf("pages = %q, want / then /jwt", got)
	}
	samples := map[key]*series{}
	for _, k := range []key{{"Authlab", "/"}, {"Authlab", "/jwt"}, {"jwt.io", "/"}} {
		s := &series{}
		if _, err := s.add(report(t, "0.9")); err != nil {
			t.Fatal(err)
		}
		samples[k] = s
	}
	md := (&Result{Sites: sites, Runs: 1, samples: samples}).Markdown()
	if n := strings.Count(md, "| jwt.io |"); n != 1 {
		t.Errorf("jwt.io has %d rows, want 1:\n%s", n, md)
	}
	if i, j := strings.Index(md, "| `/` | jwt.io |"), strings.Index(md, "| `/jwt` | Authlab |"); i < 0 || j < i {
		t.Errorf("rows not grouped by page:\n%s", md)
	}
}

// withTBT is a report of the fixture with its Total Blocking Time set.
func withTBT(t *testing.T, perf string, tbt float64) *lighthouse.Report {
	t.Helper()
	r := report(t, perf)
	a := r.Audits["total-blocking-time"]
	a.NumericValue = &tbt
	r.Audits["total-blocking-time"] = a
	return r
}

func TestRatiosPairRunsAgainstTheFirstSite(t *testing.T) {
	sites := []Site{{"before", "http://b", []string{"/jwt"}}, {"after", "http://a", []string{"/jwt"}}}
	before, after := &series{}, &series{}
	for i, tbt := range []float64{100, 300, 200} {
		perf := []string{"0.9", "0.8", "0.85"}[i]
		if _, err := before.add(withTBT(t, perf, tbt)); err != nil {
			t.Fatal(err)
		}
		// Half the blocking time in every run, the same score.
		if _, err := after.add(withTBT(t, perf, tbt/2)); err != nil {
			t.Fatal(err)
		}
	}
	res := &Result{Sites: sites, Runs: 3, samples: map[key]*series{{"before", "/jwt"}: before, {"after", "/jwt"}: after}}
	md := res.Markdown()
	want := "| `/jwt` | after | 1.00× [1.00, 1.00] | 1.00× [1.00, 1.00] | 1.00× [1.00, 1.00] | 1.00× [1.00, 1.00] | **0.50× [0.50, 0.50]** |"
	if !strings.Contains(md, "Against before, run by run") || !strings.Contains(md, want) {
		t.Errorf("ratio table lacks %q:\n%s", want, md)
	}
	if strings.Contains(md, "| `/jwt` | before | 1.00×") {
		t.Errorf("the first site is compared with itself:\n%s", md)
	}
	// Runs out of step give an interval around the ratio, not a point.
	after.runs[0].tbt = 100
	if md := res.Markdown(); strings.Contains(md, "**0.50× [0.50, 0.50]**") || !strings.Contains(md, "| `/jwt` | after |") {
		t.Errorf("a changed run left the ratio as it was:\n%s", md)
	}
	one := &Result{Sites: sites[:1], Runs: 3, samples: map[key]*series{{"before", "/jwt"}: before}}
	if md := one.Markdown(); strings.Contains(md, "Against") {
		t.Errorf("one site has a ratio table:\n%s", md)
	}
}
