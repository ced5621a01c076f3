//go:build e2e

package e2e_test

import (
	"strings"
	"testing"
)

// TestUnknownPathInABrowser checks that a browser that navigates to a
// path nobody serves gets the site's 404 page, with status 404, a title
// and a language, while API clients, and any path under the API's
// prefixes, keep the JSON error.
func TestUnknownPathInABrowser(t *testing.T) {
	for _, path := range []string{"/nope", "/some/deep/path"} {
		b := uiBrowser(t) // a first visit, without the service worker of the one before
		b.open(path)
		if h1 := b.text("h1"); h1 != "Page not found" {
			t.Errorf("%s: h1 %q", path, h1)
		}
		var got struct {
			Title, Lang string
		}
		b.eval(`({title: document.title, lang: document.documentElement.lang})`, &got)
		if !strings.Contains(got.Title, "not found") || got.Lang == "" {
			t.Errorf("%s: title %q, lang %q", path, got.Title, got.Lang)
		}
		b.log.mu.Lock()
		status := b.log.responses[baseURL+path]
		b.log.mu.Unlock()
		if status != 404 {
			t.Errorf("%s: the browser got status %d, want 404", path, status)
		}
	}
	for _, c := range []struct{ path, accept string }{
		{"/nope", ""}, {"/nope", "application/json"}, {"/api/nope", "text/html"}, {"/oauth/nope", "text/html,application/xhtml+xml"},
	} {
		r := call(t, "GET", c.path, "", "Accept", c.accept)
		if r.Status != 404 || r.Body["error"] != "not_found" {
			t.Errorf("%s with Accept %q: %d %s, want the JSON 404", c.path, c.accept, r.Status, r.Raw)
		}
	}
}
