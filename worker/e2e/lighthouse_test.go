//go:build e2e

package e2e_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/ui"
	"github.com/authlab/authlab/worker/lighthouse"
)

// lighthouseCategories are the Lighthouse categories every page must
// score 100 in.
var lighthouseCategories = []string{"accessibility", "best-practices"}

// notFoundPath is a path no page has: the site answers it with its 404
// page and status 404.
const notFoundPath = "/nope"

// lighthouseAtOnce is how many Lighthouse processes run at a time, each
// with its own chromium: two overlap one's waits for the network and the
// CPU to go quiet with the other's work.
const lighthouseAtOnce = 2

// TestLighthouse runs Lighthouse's accessibility and best-practices
// categories, with their default settings, on every page of the site and
// on the 404 page, one Lighthouse process per page; each page must score
// 100 in both, and every audit that falls short is named.
func TestLighthouse(t *testing.T) {
	start := time.Now()
	paths := append(ui.Paths(), notFoundPath)
	slots := make(chan struct{}, lighthouseAtOnce)
	t.Run("pages", func(t *testing.T) {
		for _, p := range paths {
			t.Run(pageName(p), func(t *testing.T) {
				t.Parallel()
				slots <- struct{}{}
				defer func() { <-slots }()
				lighthousePage(t, p)
			})
		}
	})
	t.Logf("Lighthouse audited %d pages in %s, %d at a time", len(paths), time.Since(start).Round(time.Second), lighthouseAtOnce)
}

// lighthousePage audits one page and fails t for every audit of
// lighthouseCategories that falls short.
func lighthousePage(t *testing.T, p string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	r, err := lighthouse.Run(ctx, lighthouse.Options{WorkerDir: workerDir(), URL: baseURL + p,
		Categories: lighthouseCategories, ErrorStatus: p == notFoundPath})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range lighthouseCategories {
		excused := false
		for _, a := range r.Failing(c) {
			if p == notFoundPath && ownStatusError(a, baseURL+p) {
				excused = true
				continue
			}
			t.Errorf("%s: %s: %s", p, c, a)
		}
		score, ok := r.Score(c)
		if !ok {
			t.Errorf("%s: %s was not scored", p, c)
		} else if score != 100 && !excused {
			t.Errorf("%s: %s scores %d, want 100", p, c, score)
		}
	}
}

// pageName names a page's subtest: "home" for "/", else its path without
// slashes.
func pageName(p string) string {
	if p == "/" {
		return "home"
	}
	return strings.ReplaceAll(strings.Trim(p, "/"), "/", "-")
}

// ownStatusError tells whether a failed errors-in-console audit holds
// nothing but chromium's report of the 404 page's own status ("Failed to
// load resource: … 404"), which the page must send (RFC 9110 §15.5.5)
// and cannot keep out of the console. Any other console error still
// fails the page.
func ownStatusError(a lighthouse.Audit, pageURL string) bool {
	if a.ID != "errors-in-console" {
		return false
	}
	var d struct {
		Items []struct {
			Source      string `json:"source"`
			Description string `json:"description"`
			Location    struct {
				URL string `json:"url"`
			} `json:"sourceLocation"`
		} `json:"items"`
	}
	if json.Unmarshal(a.Details, &d) != nil || len(d.Items) == 0 {
		return false
	}
	for _, it := range d.Items {
		if it.Source != "network" || it.Location.URL != pageURL ||
			!strings.Contains(it.Description, "status of 404") {
			return false
		}
	}
	return true
}
