package ui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goappJS has the two statements that rewriteAppJS replaces, as go-app's
// app.js has them.
const goappJS = "a();" + goappRegister + "w();" + goappStart + "b();\n    const wasm = await " + goappInstantiate + `"/web/app.wasm", showProgress),` + "\n      go.importObject\n    );\n"

func TestRewriteAppJSNeedsEachStatementOnce(t *testing.T) {
	for _, js := range []string{
		"",
		strings.Replace(goappJS, goappStart, "goappInitWebAssembly()", 1), // not a statement of its own line
		goappStart + goappJS, // two starts: which one is app.wasm's is unclear
		strings.Replace(goappJS, goappInstantiate, "instantiate(", 1), // compiled some other way
		goappJS + goappInstantiate,                                    // two downloads
	} {
		if _, err := rewriteAppJS([]byte(js)); !errors.Is(err, ErrAppJS) {
			t.Errorf("%q: err %v, want ErrAppJS", js, err)
		}
	}
	out, err := rewriteAppJS([]byte(goappJS))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	if !strings.HasPrefix(got, "a();\nw();"+startAfterPaint+"b();") || strings.Contains(got, goappStart) || strings.Contains(got, goappRegister) {
		t.Errorf("app.wasm does not wait for the first paint, or the service worker for app.wasm: %q", got)
	}
	if !strings.Contains(got, workerInstantiate+`"/web/app.wasm", showProgress),`) || strings.Contains(got, goappInstantiate) ||
		!strings.HasSuffix(got, string(appJSCompile)) {
		t.Errorf("app.wasm is not compiled in the worker: %q", got)
	}
}

// TestWasmCompilerIsServed checks that the worker app.js starts is among
// the site's files, beside app.wasm.
func TestWasmCompilerIsServed(t *testing.T) {
	if filepath.Dir(wasmCompiler) != "/web" {
		t.Fatalf("%s is not beside /web/app.wasm, where authlabInstantiate looks for it", wasmCompiler)
	}
	src, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(wasmCompiler)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "WebAssembly.compileStreaming(") || !strings.Contains(string(appJSCompile), `new URL("compile.js", url)`) {
		t.Error("web/compile.js does not compile app.wasm, or app.js does not start it")
	}
}
