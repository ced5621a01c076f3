package ui

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// envWarmPage names the environment variable by which web/compile.js
// starts the program as a warm-up run and tells it the path of the page
// the visitor opened.
const envWarmPage = "AUTHLAB_WARM_PAGE"

// warmFrame is how long the warm-up lets go-app's engine run once the
// mount is over: longer than the engine's frame (1/120 s), after which it
// draws the components that the dispatches of their OnMount changed. What
// waits longer (a countdown's ticker) is not run.
const warmFrame = 20 * time.Millisecond

// warm runs go-app's own start (app.RunWhenOnBrowser: the engine, the
// navigation to the page at path, the mount, the components' OnNav and
// OnMount, the engine's loop and its first frames) in the headless
// document web/compile.js provides, and then stops. It runs in the worker
// that compiles app.wasm. V8 compiles each WebAssembly function on its
// first call, and that code belongs to the compiled module, which the
// page's instance shares: what the page's start runs is then compiled
// before the page runs it, off the page's main thread.
//
// Nothing is fetched or kept: the worker gives the run an address bar, a
// history and a localStorage and sessionStorage of its own, empty and gone
// with the worker, and the pages send requests only from event handlers,
// which nothing fires there (the client credentials panel's countdown
// renews a token only once one was obtained by a click). It leaves the
// route go-app mounts for path in the worker's global authlabWarmed,
// which the worker reports once it has checked that the headless page
// was replaced.
func warm(path string) {
	// go-app routes each page's path with and without a trailing slash
	// (register), and nothing else.
	route := strings.TrimPrefix(path, site.BasePath)
	if route != "/" {
		route = strings.TrimSuffix(route, "/")
	}
	if route == "" {
		route = "/"
	}
	if _, ok := pages()[route]; !ok {
		route = "not found"
	}
	go app.RunWhenOnBrowser()
	// The mount computes without waiting, so this first sleep ends once it
	// is over and the engine's loop waits for its next frame, unless the
	// runtime's garbage collector lets this goroutine run in between; the
	// second lets that frame run. A run cut short is only less warm: the
	// worker checks that the page was replaced, and the test checks that
	// OnMount ran.
	time.Sleep(time.Millisecond)
	time.Sleep(warmFrame)
	app.Window().Set("authlabWarmed", "mounted "+route)
}
