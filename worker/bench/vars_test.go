package main

import (
	"os"
	"testing"
)

func TestParseProject(t *testing.T) {
	p, err := parseProject([]byte(`{
  // the worker
  "name": "a//b", /* not "a comment" */
  "compatibility_date": "2026-11-01",
  "vars": { "PBKDF2_ITERATIONS": "60000", "DAILY_QUOTA": 100, "FLAG": true, "URL": "http://x/*y*/", },
  "rules": [1, 2,],
}`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"PBKDF2_ITERATIONS": "60000", "DAILY_QUOTA": "100", "FLAG": "true", "URL": "http://x/*y*/"}
	if len(p.Vars) != len(want) {
		t.Fatalf("vars %v, want %v", p.Vars, want)
	}
	for k, v := range want {
		if p.Vars[k] != v {
			t.Errorf("%s = %q, want %q", k, p.Vars[k], v)
		}
	}
	if p.CompatibilityDate != "2026-11-01" || p.iterations() != "60,000" {
		t.Errorf("date %q, iterations %q", p.CompatibilityDate, p.iterations())
	}
}

// TestProjectConfig reads the project's own worker/wrangler.jsonc, as a
// benchmark run does.
func TestProjectConfig(t *testing.T) {
	b, err := os.ReadFile("../wrangler.jsonc")
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseProject(b)
	if err != nil {
		t.Fatal(err)
	}
	if p.Vars["PBKDF2_ITERATIONS"] == "" {
		t.Error("worker/wrangler.jsonc sets no PBKDF2_ITERATIONS")
	}
}
