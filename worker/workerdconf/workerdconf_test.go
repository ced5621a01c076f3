package workerdconf

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func goWorkerConfig(dir string) *Config {
	return &Config{
		Address:  "127.0.0.1:8787",
		ClientIP: "127.0.0.1",
		Worker: Worker{
			CompatibilityDate:  "2026-11-01",
			CompatibilityFlags: []string{"nodejs_compat"},
			Modules: []Module{
				{Name: "worker.mjs", Path: filepath.Join(dir, "bundle", "worker.mjs")},
				{Name: "app.wasm", Path: filepath.Join(dir, "bundle", "app.wasm"), Kind: CompiledWasm},
			},
			Vars:   map[string]string{"SIGNING_KEYS": `{"keys":[{"kid":"a\"b"}]}`, "DAILY_QUOTA": "100"},
			Assets: filepath.Join(dir, "site"),
			D1:     &D1{Binding: "DB", ID: "0000", Dir: filepath.Join(dir, "state", "v3", "d1"), Scripts: "/nm/miniflare/dist/src/workers", Admin: "127.0.0.1:9000"},
		},
	}
}

func TestWriteGoWorker(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	if err := goWorkerConfig(dir).Write(&b, filepath.Join(dir, "state")); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{
		`using Workerd = import "/workerd/workerd.capnp";`,
		`compatibilityDate = "2026-11-01",`,
		`compatibilityFlags = ["nodejs_compat"],`,
		`(name = "worker.mjs", esModule = embed "../bundle/worker.mjs"),`,
		`(name = "app.wasm", wasm = embed "../bundle/app.wasm"),`,
		`(name = "DAILY_QUOTA", text = "100"),`,
		`(name = "SIGNING_KEYS", text = "{\"keys\":[{\"kid\":\"a\\\"b\"}]}"),`,
		`(name = "ASSETS", service = "assets"),`,
		`(name = "assets", disk = (path = "` + filepath.Join(dir, "site") + `", writable = false)),`,
		`(name = "DB", wrapped = (moduleName = "cloudflare-internal:d1-api", innerBindings = [`,
		`(name = "fetcher", service = (name = "d1:db:entry", props = (json = "{\"MINIFLARE_NAMESPACE\":\"0000\"}"))),`,
		`durableObjectNamespaces = [(className = "D1DatabaseObject", uniqueKey = "miniflare-D1DatabaseObject")],`,
		`durableObjectStorage = (localDisk = "d1:storage"),`,
		`(name = "d1:storage", disk = (path = "` + filepath.Join(dir, "state", "v3", "d1") + `", writable = true)),`,
		`esModule = embed "` + relTo(filepath.Join(dir, "state"), "/nm/miniflare/dist/src/workers/d1/database.worker.js") + `"`,
		`(name = "http", address = "127.0.0.1:8787", http = (injectRequestHeaders = [(name = "CF-Connecting-IP", value = "127.0.0.1")]), service = "main"),`,
		`(name = "d1-admin", address = "127.0.0.1:9000", http = (), service = "d1:db:entry"),`,
		`(name = "miniflare:shared", esModule = embed`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the configuration lacks %s\n%s", want, text)
		}
	}
	// The vars come in a fixed order, so that one input gives one text.
	if strings.Index(text, "DAILY_QUOTA") > strings.Index(text, "SIGNING_KEYS") {
		t.Error("vars are not sorted by name")
	}
}

func relTo(dir, path string) string {
	r, _ := filepath.Rel(dir, path)
	return filepath.ToSlash(r)
}

// TestWriteFloor is a worker with one module and nothing else: no
// assets, no D1, no admin socket, no extensions.
func TestWriteFloor(t *testing.T) {
	c := &Config{Address: "127.0.0.1:1", Worker: Worker{CompatibilityDate: "2026-11-01", Modules: []Module{{Name: "index.js", Path: "/x/index.js"}}}}
	var b strings.Builder
	if err := c.Write(&b, "/x"); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, absent := range []string{"ASSETS", "d1", "extensions", "CF-Connecting-IP"} {
		if strings.Contains(text, absent) {
			t.Errorf("the configuration has %s:\n%s", absent, text)
		}
	}
	if !strings.Contains(text, `(name = "index.js", esModule = embed "index.js"),`) {
		t.Errorf("no main module:\n%s", text)
	}
}

func TestWriteRefuses(t *testing.T) {
	for name, edit := range map[string]func(c *Config){
		"no address":      func(c *Config) { c.Address = "" },
		"no date":         func(c *Config) { c.Worker.CompatibilityDate = "" },
		"no modules":      func(c *Config) { c.Worker.Modules = nil },
		"wasm main":       func(c *Config) { c.Worker.Modules = c.Worker.Modules[1:] },
		"nameless module": func(c *Config) { c.Worker.Modules[1].Name = "" },
		"ASSETS twice":    func(c *Config) { c.Worker.Vars["ASSETS"] = "x" },
		"DB twice":        func(c *Config) { c.Worker.Vars["DB"] = "x" },
		"D1 without id":   func(c *Config) { c.Worker.D1.ID = "" },
	} {
		c := goWorkerConfig(t.TempDir())
		edit(c)
		if err := c.Write(&strings.Builder{}, "/"); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
}

func TestQuote(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:       `"plain"`,
		`a"b\c`:       `"a\"b\\c"`,
		"line\nnext":  `"line\nnext"`,
		"tab\tbell\a": `"tab\x09bell\x07"`,
		"é":           `"é"`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestParseDotenv(t *testing.T) {
	vars, err := ParseDotenv("# secrets\n\nSIGNING_KEYS='{\"keys\":[]}'\r\nexport A=\"x y\"\nB = 1=2\nA=later\n")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"SIGNING_KEYS": `{"keys":[]}`, "A": "later", "B": "1=2"}
	if len(vars) != len(want) {
		t.Fatalf("%v, want %v", vars, want)
	}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("%s = %q, want %q", k, vars[k], v)
		}
	}
	if _, err := ParseDotenv("no equals sign\n"); !errors.Is(err, ErrConfig) {
		t.Errorf("a line without = : %v, want ErrConfig", err)
	}
}

// TestProjectWrangler reads worker/wrangler.jsonc, as a direct run does.
func TestProjectWrangler(t *testing.T) {
	b, err := os.ReadFile("../wrangler.jsonc")
	if err != nil {
		t.Fatal(err)
	}
	w, err := ParseWrangler(b)
	if err != nil {
		t.Fatal(err)
	}
	if w.CompatibilityDate == "" || w.Vars["PBKDF2_ITERATIONS"] == "" {
		t.Errorf("%+v", w)
	}
	if w.Assets.Directory != "build/site" || !slices.Contains(w.Assets.RunWorkerFirst, "/web/app.wasm") {
		t.Errorf("assets: %+v, want build/site with /web/app.wasm run by the worker first", w.Assets)
	}
}
