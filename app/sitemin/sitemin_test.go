package sitemin_test

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/authlab/authlab/app/sitemin"
)

// topLevelName finds a name declared at a script's top level, a global
// that another script or the page may use: the keyword and the name.
var topLevelName = regexp.MustCompile(`(?m)^(?:async )?(function|var|let|const|class) (\w+)\b`)

// declares reports whether a minified script still declares name at its
// top level with keyword (a minifier may join var, let and const
// declarations into one list, so a declared name may also follow a comma).
func declares(small []byte, keyword, name string) bool {
	if keyword == "function" || keyword == "class" {
		return regexp.MustCompile(`\b` + keyword + ` ` + name + `\b`).Match(small)
	}
	return regexp.MustCompile(`(?:\b(?:var|let|const) |,)` + name + `\b`).Match(small)
}

// TestSiteScriptsStayPrograms minifies every script of web/ and has Node's
// own parser check each result (node --check). Each must be smaller and
// keep the names it declares at its top level.
func TestSiteScriptsStayPrograms(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed: the minified scripts cannot be parsed (%v)", err)
	}
	scripts, err := filepath.Glob(filepath.Join("..", "..", "web", "*.js"))
	if err != nil || len(scripts) < 3 {
		t.Fatalf("web/ has %d scripts (%v)", len(scripts), err)
	}
	dir := t.TempDir()
	names := 0
	for _, path := range scripts {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		small, err := sitemin.File(path, src)
		if err != nil {
			t.Fatal(err)
		}
		if len(small) >= len(src) {
			t.Errorf("%s: %d bytes minified, %d before", path, len(small), len(src))
		}
		for _, m := range topLevelName.FindAllSubmatch(src, -1) {
			names++
			if !declares(small, string(m[1]), string(m[2])) {
				t.Errorf("%s: the global %s %s was renamed or dropped", path, m[1], m[2])
			}
		}
		out := filepath.Join(dir, filepath.Base(path))
		if err := os.WriteFile(out, small, 0o644); err != nil {
			t.Fatal(err)
		}
		if msg, err := exec.Command(node, "--check", out).CombinedOutput(); err != nil {
			t.Errorf("%s: Node cannot parse the minified script: %v\n%s", path, err, msg)
		}
	}
	if names < 10 {
		t.Errorf("found %d top-level names in web/'s scripts: the pattern no longer finds them", names)
	}
}

func TestFileLeavesOtherFilesAsTheyAre(t *testing.T) {
	for _, name := range []string{"app.wasm", "index.html", "manifest.webmanifest", "icon.svg"} {
		in := []byte("  /* not a script */  \n")
		out, err := sitemin.File(name, in)
		if err != nil || !bytes.Equal(out, in) || sitemin.Minifies(name) {
			t.Errorf("%s: %q, %v", name, out, err)
		}
	}
}

func TestFileRefusesWhatDoesNotParse(t *testing.T) {
	if _, err := sitemin.File("broken.js", []byte("function (")); !errors.Is(err, sitemin.ErrMinify) {
		t.Errorf("a script that does not parse: %v, want ErrMinify", err)
	}
}

func TestDirMinifiesScriptsAndStyleSheets(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app.js":         "// comment\nfunction authlabStart(first, second) {\n  return first + second;\n}\n",
		"web/app.css":    "/* comment */\nbody {\n  margin: 0px;\n}\n",
		"web/app.wasm":   "\x00asm  kept as it is  ",
		"web/index.html": "<p>  kept  </p>\n",
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	st, err := sitemin.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"app.js":         "function authlabStart(e,t){return e+t}",
		"web/app.css":    "body{margin:0}",
		"web/app.wasm":   files["web/app.wasm"],
		"web/index.html": files["web/index.html"],
	}
	for name, w := range want {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != w {
			t.Errorf("%s: %q, want %q", name, got, w)
		}
	}
	if st.Files != 2 || st.BytesBefore != int64(len(files["app.js"])+len(files["web/app.css"])) || st.BytesAfter != int64(len(want["app.js"])+len(want["web/app.css"])) {
		t.Errorf("stats %+v", st)
	}
}

func TestDirRefusesWhatDoesNotParse(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "broken.js"), []byte("function ("), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := sitemin.Dir(dir); !errors.Is(err, sitemin.ErrMinify) {
		t.Errorf("a folder with a script that does not parse: %v, want ErrMinify", err)
	}
}

func TestDirLeavesSymbolicLinks(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	target := filepath.Join(elsewhere, "kept.js")
	src := "// not the site's\nfunction kept(first) {\n  return first;\n}\n"
	if err := os.WriteFile(target, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, filepath.Join(dir, "link.js")); err != nil {
		t.Fatal(err)
	}
	st, err := sitemin.Dir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != src || st.Files != 0 {
		t.Errorf("the file a link names was rewritten: %q (stats %+v)", got, st)
	}
}
