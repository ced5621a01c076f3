package ui

import (
	"context"
	"os"

	"github.com/authlab/authlab/app/webio"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Start runs the front end in the browser and returns at once elsewhere.
// Every page is prerendered, and the browser paints that page before
// app.wasm has loaded; go-app then mounts the live page in its place.
// Start lets the prerendered page reach the screen first
// (webio.Painted): replaced while the browser was still presenting it,
// its paint would be lost and the live page's copy painted again, later.
// The wait also ends the JavaScript task that started app.wasm, so that
// the Go runtime's start and the mount are two tasks instead of one
// long one.
//
// In the worker that compiles app.wasm and runs it once, so that the Go
// runtime's start and the page's mount are compiled before the page runs
// them (web/compile.js sets envWarmPage), Start waits as on the page (the
// worker's authlabPainted settles in the next task), mounts the page in
// that worker's headless document (warm) and returns, and the program
// ends.
func Start() {
	if app.IsServer {
		return
	}
	_ = webio.Painted(context.Background()) // it only fails outside a browser
	if page, ok := os.LookupEnv(envWarmPage); ok {
		warm(page)
		return
	}
	app.RunWhenOnBrowser()
}
