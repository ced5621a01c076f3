// Package docs_test checks the project's documents as a reader gets them
// in a fresh clone.
package docs_test

import (
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mdLink matches a Markdown link or image target: [text](target).
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// TestRelativeLinksResolve checks that every relative link and image in
// README.md and docs/*.md names a file that git tracks, so that it
// resolves in a clean clone, and that the README stays short.
func TestRelativeLinksResolve(t *testing.T) {
	out, err := exec.Command("git", "-C", "..", "ls-files").Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	tracked := map[string]bool{}
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		tracked[f] = true
		for d := path.Dir(f); d != "."; d = path.Dir(d) {
			tracked[d] = true
		}
	}
	docs, err := filepath.Glob("*.md")
	if err != nil {
		t.Fatal(err)
	}
	files := []string{"README.md"}
	for _, d := range docs {
		files = append(files, "docs/"+d)
	}
	links := 0
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(string(b), -1) {
			target := m[1]
			if u, err := url.Parse(target); err != nil || u.Scheme != "" || strings.HasPrefix(target, "#") {
				continue
			}
			target, _, _ = strings.Cut(target, "#")
			resolved := path.Clean(path.Join(path.Dir(f), target))
			links++
			if !tracked[resolved] {
				t.Errorf("%s links to %s, which git does not track", f, m[1])
			}
		}
		if f == "README.md" {
			if n := strings.Count(string(b), "\n"); n >= 220 {
				t.Errorf("README.md has %d lines; keep it under 220 and put detail in docs/", n)
			}
		}
	}
	if links == 0 {
		t.Error("no relative links found: the pattern is wrong")
	}
}
