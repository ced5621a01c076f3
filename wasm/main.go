// Command wasm is the Authlab front end. In the browser it runs the app;
// natively it writes the static site or serves it for development.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/ui"
)

func main() {
	ui.Register()
	app.RunWhenOnBrowser()
	serve()
}
