package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// envWarmPage names the environment variable by which web/compile.js
// starts the program as a warm-up run and tells it the path of the page
// the visitor opened.
const envWarmPage = "AUTHLAB_WARM_PAGE"

// warm mounts the page at path, as go-app mounts it on the page, in the
// headless document web/compile.js provides, and then stops: nothing is
// dispatched afterwards, so no OnMount or OnNav runs and nothing is
// fetched or stored. It runs in the worker that compiles app.wasm. V8
// compiles each WebAssembly function on its first call, and that code
// belongs to the compiled module, which the page's instance shares: the
// page's constructors and Render methods and go-app's mount are then
// compiled before the page mounts the live page with them, off the page's
// main thread. It leaves the route it mounted, or why it could not, in
// the worker's global authlabWarmed, which the worker reports.
func warm(path string) {
	path = pageOf(path, site.BasePath)
	newPage, ok := pages()[path]
	if !ok {
		newPage, path = func() app.Composer { return &notFoundPage{} }, "not found"
	}
	result := "mounted " + path
	if err := app.NewTestEngine().Load(newPage()); err != nil {
		result = "could not mount " + path + ": " + err.Error()
	}
	app.Window().Set("authlabWarmed", result)
}
