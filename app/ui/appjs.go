package ui

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
)

// goappStart is the statement with which go-app's app.js starts
// downloading and running app.wasm, as soon as the deferred script runs.
const goappStart = "\ngoappInitWebAssembly();\n"

// startAfterPaint starts it once web/loader.js's authlabFirstPaint says
// that the prerendered page's first contentful paint was reported (Paint
// Timing, W3C), or at once without loader.js. A download that starts
// before the largest contentful paint is one that Lighthouse's simulation
// puts in front of it, and the page's own files need the link first.
//
// The service worker is registered once the live page is in place and
// the browser is idle (authlabAfterMount): its install downloads every
// page and the attack lab's cracker for offline use, which on a first
// visit would share the link with app.wasm, and decompresses and stores
// them, which would share the CPU with the Go runtime's start and the
// mount.
const startAfterPaint = "\n(self.authlabFirstPaint ? self.authlabFirstPaint() : Promise.resolve()).then(goappInitWebAssembly).then(authlabAfterMount).then(goappInitServiceWorker);\n"

// goappRegister is the statement with which go-app's app.js registers its
// service worker as soon as the deferred script runs; startAfterPaint
// registers it instead.
const goappRegister = "\ngoappInitServiceWorker();\n"

// goappInstantiate is go-app's call that downloads app.wasm and compiles
// it on the page's main thread: V8 decodes a streamed module on the
// thread that feeds it, in tasks that last hundreds of milliseconds once
// a fast link has delivered much of the 14 MB at once.
const goappInstantiate = "instantiateStreaming(\n      fetchWithProgress("

// workerInstantiate is the same call made through appJSCompile's
// functions, which download and compile app.wasm in a dedicated worker,
// and, without workers, make it with go-app's own instantiateStreaming.
const workerInstantiate = "authlabInstantiate(instantiateStreaming,\n      authlabWasmSource("

//go:embed appjs_compile.js
var appJSCompile []byte

// ErrAppJS is returned when go-app's app.js lacks, or repeats, a statement
// that rewriteAppJS replaces: a go-app whose app.js changed must be looked
// at again.
var ErrAppJS = errors.New("go-app's app.js does not start app.wasm as the site expects")

// rewriteAppJS rewrites go-app's app.js so that app.wasm starts after the
// first contentful paint, and the service worker after app.wasm
// (startAfterPaint), and app.wasm is compiled in a worker
// (workerInstantiate).
func rewriteAppJS(js []byte) ([]byte, error) {
	js, err := replaceOnce(js, goappRegister, "\n")
	if err != nil {
		return nil, err
	}
	if js, err = replaceOnce(js, goappStart, startAfterPaint); err != nil {
		return nil, err
	}
	if js, err = replaceOnce(js, goappInstantiate, workerInstantiate); err != nil {
		return nil, err
	}
	return append(append(js, '\n'), appJSCompile...), nil
}

func replaceOnce(js []byte, old, new string) ([]byte, error) {
	if n := bytes.Count(js, []byte(old)); n != 1 {
		return nil, fmt.Errorf("%w: %q found %d times", ErrAppJS, old, n)
	}
	return bytes.Replace(js, []byte(old), []byte(new), 1), nil
}
