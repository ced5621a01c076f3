//go:build !js

package jot_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/authlab/authlab/app/sitemin"
)

// TestMinifiedLoaderPreviewIsTheSame holds the web/loader.js that the
// site serves, minified by package sitemin, to the source's: on every
// token of the corpus its preview shows exactly what the source's shows.
func TestMinifiedLoaderPreviewIsTheSame(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(moduleRoot(t), "web", "loader.js"))
	if err != nil {
		t.Fatal(err)
	}
	small, err := sitemin.File("loader.js", src)
	if err != nil {
		t.Fatal(err)
	}
	if len(small) >= len(src)*3/4 || bytes.Contains(small, []byte("// ")) {
		t.Fatalf("the minified loader.js is %d bytes of %d, or keeps comments", len(small), len(src))
	}
	minified := filepath.Join(t.TempDir(), "loader.js")
	if err := os.WriteFile(minified, small, 0o644); err != nil {
		t.Fatal(err)
	}
	corpus := previewCorpus(t)
	want := previewShows(t, corpus)
	got := previewOf(t, minified, corpus)
	for i := range corpus {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("token %d %.300q:\n minified: %s\n source:   %s", i, corpus[i], showJSON(got[i]), showJSON(want[i]))
		}
	}
}
