package ui

import (
	"encoding/json"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// envWarmPage names the environment variable by which web/compile.js
// starts the program as a warm-up run and tells it the path of the page
// the visitor opened.
const envWarmPage = "AUTHLAB_WARM_PAGE"

// warmSettle is how long, at least, the warm-up lets the mount's
// dispatches run before it ends: they run as soon as the main goroutine
// sleeps, and the run ends at the first point after it where they wait
// (for a ticker, a timer or a promise); what is left then is not run.
const warmSettle = time.Millisecond

// warm mounts the page at path, as go-app mounts it on the page, in the
// headless document web/compile.js provides, runs what the mount
// dispatched (the components' OnMount and the renders that follow), and
// then stops. Nothing is fetched or stored: the worker has no
// localStorage or sessionStorage, no OnMount sends a request, and OnNav,
// which a navigation dispatches, never runs here. It runs in the worker
// that compiles app.wasm. V8 compiles each WebAssembly function on its
// first call, and that code belongs to the compiled module, which the
// page's instance shares: the page's constructors, Render and OnMount methods, go-app's
// mount and update, and the Go scheduler's timers are then compiled
// before the page runs them, off the page's main thread. It leaves the
// route it mounted, or why it could not, in the worker's global
// authlabWarmed, which the worker reports.
func warm(path string) {
	path = pageOf(path, site.BasePath)
	newPage, ok := pages()[path]
	if !ok {
		newPage, path = func() app.Composer { return &notFoundPage{} }, "not found"
	}
	result := "mounted " + path
	engine := app.NewTestEngine()
	if err := engine.Load(newPage()); err != nil {
		result = "could not mount " + path + ": " + err.Error()
	} else {
		// Components that start a goroutine in OnMount (a countdown's
		// ticker) keep ConsumeAll waiting for it: the run ends without it.
		go engine.ConsumeAll()
		time.Sleep(warmSettle)
	}
	// go-app's first navigation decodes its internal URLs with
	// encoding/json, which nothing before it on the page uses.
	var internal []string
	_ = json.Unmarshal([]byte(app.Getenv("GOAPP_INTERNAL_URLS")), &internal)
	app.Window().Set("authlabWarmed", result)
}
