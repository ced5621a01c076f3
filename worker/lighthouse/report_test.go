package lighthouse

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
)

// report is a trimmed Lighthouse report: an accessibility category with
// one weighted audit failing, one passing, one unweighted failing and one
// not applicable, and a performance category with its metrics.
const report = `{
  "finalDisplayedUrl": "http://127.0.0.1:8787/jwt",
  "runWarnings": [],
  "categories": {
    "accessibility": {"title": "Accessibility", "score": 0.93, "auditRefs": [
      {"id": "color-contrast", "weight": 7},
      {"id": "image-alt", "weight": 10},
      {"id": "tabindex", "weight": 0},
      {"id": "video-caption", "weight": 10}
    ]},
    "performance": {"title": "Performance", "score": 0.675, "auditRefs": [
      {"id": "largest-contentful-paint", "weight": 25},
      {"id": "total-blocking-time", "weight": 30}
    ]},
    "best-practices": {"title": "Best Practices", "score": null, "auditRefs": []}
  },
  "audits": {
    "color-contrast": {"id": "color-contrast", "title": "Background and foreground colors have a sufficient contrast ratio", "score": 0},
    "image-alt": {"id": "image-alt", "title": "Image elements have [alt] attributes", "score": 1},
    "tabindex": {"id": "tabindex", "title": "No element has a [tabindex] value greater than 0", "score": 0},
    "video-caption": {"id": "video-caption", "title": "Videos have captions", "score": null},
    "largest-contentful-paint": {"id": "largest-contentful-paint", "title": "Largest Contentful Paint", "score": 0.4, "numericValue": 4321.5, "displayValue": "4.3 s"},
    "total-blocking-time": {"id": "total-blocking-time", "title": "Total Blocking Time", "score": 1, "numericValue": 0}
  }
}`

func parse(t *testing.T) *Report {
	t.Helper()
	var r Report
	if err := json.Unmarshal([]byte(report), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

func TestFailingNamesWeightedAuditsBelowFull(t *testing.T) {
	r := parse(t)
	got := r.Failing("accessibility")
	if len(got) != 1 || got[0].ID != "color-contrast" {
		t.Fatalf("Failing = %v, want only color-contrast", got)
	}
	if s := got[0].String(); s != "color-contrast (Background and foreground colors have a sufficient contrast ratio)" {
		t.Errorf("String = %q", s)
	}
	if got := r.Failing("no-such-category"); len(got) != 0 {
		t.Errorf("Failing of a missing category = %v", got)
	}
}

func TestScoreRoundsAsLighthouseShows(t *testing.T) {
	r := parse(t)
	for _, c := range []struct {
		category string
		want     int
		ok       bool
	}{{"accessibility", 93, true}, {"performance", 68, true}, {"best-practices", 0, false}, {"seo", 0, false}} {
		got, ok := r.Score(c.category)
		if got != c.want || ok != c.ok {
			t.Errorf("Score(%q) = %d, %v, want %d, %v", c.category, got, ok, c.want, c.ok)
		}
	}
}

func TestMetricReadsNumericValues(t *testing.T) {
	r := parse(t)
	if v, ok := r.Metric("largest-contentful-paint"); !ok || v != 4321.5 {
		t.Errorf("LCP = %v, %v", v, ok)
	}
	if v, ok := r.Metric("total-blocking-time"); !ok || v != 0 {
		t.Errorf("a TBT of 0 = %v, %v, want 0, true", v, ok)
	}
	if _, ok := r.Metric("video-caption"); ok {
		t.Error("an audit without a value has a metric")
	}
	if _, ok := r.Metric("speed-index"); ok {
		t.Error("a missing audit has a metric")
	}
}

func TestRunWithoutLighthouseInstalled(t *testing.T) {
	_, err := Run(context.Background(), Options{WorkerDir: t.TempDir(), URL: "http://127.0.0.1:1/"})
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("err = %v, want ErrNotInstalled", err)
	}
}
