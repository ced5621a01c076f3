package lighthouse

import (
	"encoding/json"
	"fmt"
)

// Report is the part of Lighthouse's JSON report (its "LHR") that the
// tests and the benchmark read.
type Report struct {
	URL          string              `json:"finalDisplayedUrl"`
	RuntimeError *RuntimeError       `json:"runtimeError"`
	Warnings     []string            `json:"runWarnings"`
	Categories   map[string]Category `json:"categories"`
	Audits       map[string]Audit    `json:"audits"`
}

// RuntimeError is why Lighthouse could not audit the page.
type RuntimeError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Category is one scored group of audits, such as "accessibility".
type Category struct {
	Title string `json:"title"`
	// Score is 0 to 1; nil when the category could not be scored.
	Score *float64   `json:"score"`
	Refs  []AuditRef `json:"auditRefs"`
}

// AuditRef names an audit of a category and its weight in the score.
type AuditRef struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
}

// Audit is one check and its result.
type Audit struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Score is 0 to 1; nil for audits that are informative or not
	// applicable to the page.
	Score        *float64        `json:"score"`
	NumericValue *float64        `json:"numericValue"` // in the audit's unit, ms for the timings; nil when it has none
	DisplayValue string          `json:"displayValue"`
	Details      json.RawMessage `json:"details"`
}

// Failing returns the audits of category that count towards its score and
// did not fully pass, in the category's order.
func (r *Report) Failing(category string) []Audit {
	var out []Audit
	for _, ref := range r.Categories[category].Refs {
		a, ok := r.Audits[ref.ID]
		if ok && ref.Weight > 0 && a.Score != nil && *a.Score < 1 {
			out = append(out, a)
		}
	}
	return out
}

// Score returns category's score out of 100, rounded as Lighthouse shows
// it, and false when the category was not scored.
func (r *Report) Score(category string) (int, bool) {
	c, ok := r.Categories[category]
	if !ok || c.Score == nil {
		return 0, false
	}
	return int(*c.Score*100 + 0.5), true
}

// Metric returns an audit's numeric value, such as
// "largest-contentful-paint" in milliseconds, and false when the report
// does not have it.
func (r *Report) Metric(id string) (float64, bool) {
	a, ok := r.Audits[id]
	if !ok || a.NumericValue == nil {
		return 0, false
	}
	return *a.NumericValue, true
}

func (a Audit) String() string {
	s := fmt.Sprintf("%s (%s)", a.ID, a.Title)
	if a.DisplayValue != "" {
		s += ": " + a.DisplayValue
	}
	return s
}
