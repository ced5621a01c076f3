package ui_test

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/ui"
)

func TestConfigNormalize(t *testing.T) {
	for _, tc := range []struct {
		in        ui.Config
		base, api string
		bad       bool
	}{
		{ui.Config{}, "", "", false},
		{ui.Config{BasePath: "/"}, "", "", false},
		{ui.Config{BasePath: "authlab/"}, "/authlab", "", false},
		{ui.Config{BasePath: "/a/b", APIURL: "https://api.example/"}, "/a/b", "https://api.example", false},
		{ui.Config{APIURL: "http://127.0.0.1:8787"}, "", "http://127.0.0.1:8787", false},
		{ui.Config{APIURL: "ftp://api.example"}, "", "", true},
		{ui.Config{APIURL: "api.example"}, "", "", true},
		{ui.Config{APIURL: "https://api.example/?x=1"}, "", "", true},
		{ui.Config{BasePath: `/a"b`}, "", "", true},
	} {
		got, err := tc.in.Normalize()
		if tc.bad {
			if err == nil {
				t.Errorf("%+v: accepted", tc.in)
			}
			continue
		}
		if err != nil || got.BasePath != tc.base || got.APIURL != tc.api {
			t.Errorf("%+v: got %+v, %v", tc.in, got, err)
		}
	}
}

func TestCSP(t *testing.T) {
	same := ui.CSP("")
	if !strings.Contains(same, "connect-src 'self';") || strings.Contains(same, "http") {
		t.Errorf("same-origin CSP: %s", same)
	}
	for _, page := range ui.Paths() {
		wide := ui.PageCSP(page, "")
		if page == "/jwt" {
			if !strings.Contains(wide, "connect-src 'self' https:;") || strings.Replace(wide, " https:;", ";", 1) != same {
				t.Errorf("%s: CSP %s, want the strict one with connect-src https:", page, wide)
			}
		} else if wide != same {
			t.Errorf("%s: CSP %s, want %s", page, wide, same)
		}
	}
	other := ui.CSP("https://api.example")
	for _, want := range []string{"connect-src 'self' https://api.example;", "form-action 'self' https://api.example", "script-src 'self' 'wasm-unsafe-eval';", "object-src 'none'"} {
		if !strings.Contains(other, want) {
			t.Errorf("CSP lacks %q: %s", want, other)
		}
	}
}

var localRef = regexp.MustCompile(`(?:href|src)="(/[^"]*)"`)

// directCall is a call of go-app's start or service worker registration
// as a statement of its own, which app.js must not have.
var directCall = regexp.MustCompile(`(goappInitWebAssembly|goappInitServiceWorker)\(\)(?:[;,})\n]|$)`)

// compiledInWorker is app.js's call that has web/compile.js fetch and
// compile app.wasm.
var compiledInWorker = regexp.MustCompile(`authlabInstantiate\(\w+,authlabWasmSource\("/authlab/web/app\.wasm"`)

func TestWriteSiteUnderBasePath(t *testing.T) {
	dir := t.TempDir()
	if err := ui.WriteSite(dir, ui.Config{Version: "test", BasePath: "/authlab", APIURL: "https://api.example"}); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	var pages []string
	for _, p := range ui.Paths() {
		if p == "/" {
			pages = append(pages, "index.html")
			continue
		}
		pages = append(pages, p[1:]+".html", p[1:]+"/index.html")
	}
	for _, name := range append(pages, "404.html") {
		page := read(name)
		if !strings.Contains(page, "<h1>") {
			t.Errorf("%s: not prerendered", name)
		}
		for _, m := range localRef.FindAllStringSubmatch(page, -1) {
			if !strings.HasPrefix(m[1], "/authlab/") {
				t.Errorf("%s links outside the base path: %s", name, m[1])
			}
		}
		want := "connect-src 'self' https://api.example;"
		if strings.HasPrefix(name, "jwt.") || strings.HasPrefix(name, "jwt/") {
			want = "connect-src 'self' https://api.example https:;"
		}
		if !strings.Contains(page, want) || strings.Count(page, "Content-Security-Policy") != 1 {
			t.Errorf("%s: CSP without %q, or with two policies", name, want)
		}
	}
	// The site's scripts are minified (package sitemin): object keys lose
	// their quotes, and names local to a function are shortened.
	appJS := read("app.js")
	for _, want := range []string{`GOAPP_ROOT_PREFIX:"/authlab/"`, `AUTHLAB_API_URL:"https://api.example"`, `AUTHLAB_BASE_PATH:"/authlab"`, `"/authlab/web/app.wasm"`} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	// app.wasm starts after the first paint (web/loader.js's
	// authlabFirstPaint), not as soon as the deferred app.js runs.
	if !strings.Contains(appJS, "self.authlabFirstPaint():Promise.resolve()).then(goappInitWebAssembly).then(authlabAfterMount).then(goappInitServiceWorker)") ||
		directCall.MatchString(appJS) {
		t.Error("app.js starts app.wasm before the first paint")
	}
	// ... and has web/compile.js compile it off the main thread: the one
	// mention of app.wasm's address is authlabWasmSource's.
	if !compiledInWorker.MatchString(appJS) || !strings.Contains(appJS, "function authlabInstantiate(") ||
		strings.Count(appJS, `"/authlab/web/app.wasm"`) != 1 {
		t.Error("app.js compiles app.wasm on the main thread")
	}
	sw := read("app-worker.js")
	if !strings.Contains(sw, `pathname.replace(`) || !strings.Contains(sw, `"/authlab/basic"`) {
		t.Error("the service worker lacks the offline page lookup or the pages")
	}
	for _, want := range []string{`"/authlab/web/compile.js"`, `"/authlab/web/crack.js"`, `"/authlab/web/crack.wasm"`, `"/authlab/web/quickcheck.js"`, `"/authlab/web/quickcheck.wasm"`, `"/authlab/wasm_exec.js"`} {
		if !strings.Contains(sw, want) {
			t.Errorf("the service worker does not cache the workers and their modules for offline use: no %s", want)
		}
	}
	if m := read("manifest.webmanifest"); !strings.Contains(m, `"start_url":"/authlab/"`) {
		t.Errorf("manifest: %s", m)
	}
}

// TestWrittenScriptsParse has Node's own parser (node --check) read every
// script the site is written with, go-app's minified as well as the
// site's own.
func TestWrittenScriptsParse(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed: the written scripts cannot be parsed (%v)", err)
	}
	// The caller copies web/ into the site first (WriteSite); its scripts
	// are enough here.
	dir := t.TempDir()
	own, err := filepath.Glob(filepath.Join("..", "..", "web", "*.js"))
	if err != nil || len(own) == 0 {
		t.Fatalf("web/ has %d scripts (%v)", len(own), err)
	}
	for _, path := range own {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, "web"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "web", filepath.Base(path)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := ui.WriteSite(dir, ui.Config{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	var scripts []string
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".js") || strings.HasSuffix(path, ".mjs")) {
			scripts = append(scripts, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"app.js", "app-worker.js", "wasm_exec.js", "web/loader.js", "web/compile.js"} {
		if !slices.Contains(scripts, filepath.Join(dir, filepath.FromSlash(want))) {
			t.Errorf("the site is written without %s", want)
		}
	}
	for _, path := range scripts {
		if msg, err := exec.Command(node, "--check", path).CombinedOutput(); err != nil {
			t.Errorf("%s: Node cannot parse it: %v\n%s", path, err, msg)
		}
	}
}

func TestPathsListEveryLesson(t *testing.T) {
	paths := strings.Join(ui.Paths(), " ")
	for _, p := range []string{"/basic", "/apikey", "/bearer-token", "/session", "/learn", "/learn/api-keys", "/learn/best-practices", "/learn/sessions", "/learn/jwt-attacks"} {
		if !strings.Contains(paths+" ", " "+p+" ") {
			t.Errorf("Paths lacks %s: %s", p, paths)
		}
	}
}

// TestPrerenderedBooleanAttributes checks that no prerendered page writes
// a boolean attribute as name="false", which HTML reads as true (HTML
// §2.3.2), and that the JWT page's selects show their first choice.
func TestPrerenderedBooleanAttributes(t *testing.T) {
	dir := t.TempDir()
	if err := ui.WriteSite(dir, ui.Config{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	falseAttr := regexp.MustCompile(`\s(selected|disabled|checked|readonly|hidden|required|multiple|open|autofocus)="false"`)
	names, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil || len(names) < 5 {
		t.Fatalf("pages: %v, %v", names, err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if m := falseAttr.FindAllString(string(b), 3); m != nil {
			t.Errorf("%s writes %q", filepath.Base(name), m)
		}
	}
	jwt, err := os.ReadFile(filepath.Join(dir, "jwt.html"))
	if err != nil {
		t.Fatal(err)
	}
	selected := map[string][]string{}
	for _, sel := range regexp.MustCompile(`(?s)<select id="([^"]+)".*?</select>`).FindAllStringSubmatch(string(jwt), -1) {
		for _, m := range regexp.MustCompile(`<option (?:selected value="([^"]*)"|value="([^"]*)" selected)>`).FindAllStringSubmatch(sel[0], -1) {
			selected[sel[1]] = append(selected[sel[1]], m[1]+m[2])
		}
	}
	for _, id := range []string{"key-encoding", "sign-key-encoding"} {
		if got := strings.Join(selected[id], " "); got != "utf8" {
			t.Errorf("the prerendered #%s selects %q, want utf8, the default of both verifying and signing", id, got)
		}
	}
}

// TestEveryPageNamesItselfInTitle checks that each prerendered page's
// title names the page by its h1 (WCAG 2.4.2), and never the site twice.
func TestEveryPageNamesItselfInTitle(t *testing.T) {
	dir := t.TempDir()
	if err := ui.WriteSite(dir, ui.Config{Version: "test"}); err != nil {
		t.Fatal(err)
	}
	titleRe, h1Re := regexp.MustCompile(`<title>([^<]*)</title>`), regexp.MustCompile(`<h1>([^<]*)</h1>`)
	for _, p := range append(ui.Paths(), "/404") {
		name := strings.TrimPrefix(p, "/") + ".html"
		if p == "/" {
			name = "index.html"
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		title, h1 := titleRe.FindStringSubmatch(string(b)), h1Re.FindStringSubmatch(string(b))
		if title == nil || h1 == nil {
			t.Errorf("%s: title %v, h1 %v", p, title, h1)
			continue
		}
		if !strings.Contains(title[1], h1[1]) || title[1] == "Authlab — Authlab" {
			t.Errorf("%s: title %q does not name the page %q", p, title[1], h1[1])
		}
	}
}
