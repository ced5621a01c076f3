// Command wasm is the Authlab front end. In the browser it runs the app;
// natively it writes the static site or serves it for development.
package main

import "github.com/authlab/authlab/app/ui"

func main() {
	ui.Register()
	ui.Start()
	serve()
}
