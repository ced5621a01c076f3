package jwtio

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// repo makes a git repository with two files, one of whose contents is
// then removed from its object store, as in a mirror cloned without its
// large files.
func repo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	git := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v: %s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q")
	os.MkdirAll(filepath.Join(dir, "src", "libs"), 0o755)
	os.WriteFile(filepath.Join(dir, "src", "libs", "page file.tsx"), []byte("export {};\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "font.otf"), []byte("a large font"), 0o644)
	git("add", ".")
	git("commit", "-q", "-m", "files")
	id := git("rev-parse", "HEAD:font.otf")
	if err := os.Remove(filepath.Join(dir, ".git", "objects", id[:2], id[2:])); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExtractLeavesOutWhatTheRepositoryLacks(t *testing.T) {
	src, dst := repo(t), t.TempDir()
	var log bytes.Buffer
	if err := extract(context.Background(), src, dst, &log); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dst, "src", "libs", "page file.tsx")); err != nil || string(b) != "export {};\n" {
		t.Errorf("page file.tsx: %q, %v", b, err)
	}
	if _, err := os.Stat(filepath.Join(dst, "font.otf")); !os.IsNotExist(err) {
		t.Errorf("font.otf, absent from the repository, was written: %v", err)
	}
	if !strings.Contains(log.String(), "font.otf is not in the repository") {
		t.Errorf("log does not name the file left out: %q", log.String())
	}
}

func TestBuildNeedsARepository(t *testing.T) {
	_, _, err := Build(context.Background(), t.TempDir(), t.TempDir(), &bytes.Buffer{})
	if !errors.Is(err, ErrNoSource) {
		t.Errorf("err = %v, want ErrNoSource", err)
	}
}
