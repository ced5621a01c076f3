//go:build !js

package authserver_test

import (
	"testing"

	"github.com/authlab/authlab/app/authserver"
)

// TestNotFoundPageMarker checks which 404s the site may answer with its
// 404 page: a browser's navigation outside the API's prefixes only.
func TestNotFoundPageMarker(t *testing.T) {
	s := newServer(t, 1000)
	for _, c := range []struct {
		path   string
		header []string
		page   bool
	}{
		{"/nope", []string{"Sec-Fetch-Dest", "document", "Accept", "text/html"}, true},
		{"/some/deep/path", []string{"Accept", "text/html,application/xhtml+xml"}, true},
		{"/nope", nil, false},
		{"/nope", []string{"Accept", "application/json"}, false},
		{"/nope", []string{"Sec-Fetch-Dest", "empty", "Accept", "text/html"}, false},
		{"/api/nope", []string{"Sec-Fetch-Dest", "document"}, false},
		{"/oauth/nope", []string{"Accept", "text/html"}, false},
		{"/lab/nope", []string{"Accept", "text/html"}, false},
	} {
		r := s.do(t, "GET", c.path, "", c.header...)
		if r.Code != 404 || r.str("error") != "not_found" {
			t.Errorf("%s: %d %s", c.path, r.Code, r.Body)
		}
		if got := r.Header().Get(authserver.NotFoundPageHeader) != ""; got != c.page {
			t.Errorf("%s %v: page fallback %v, want %v", c.path, c.header, got, c.page)
		}
	}
}
