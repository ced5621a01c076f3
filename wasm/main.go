// Command wasm is the Authlab front end. In the browser it runs the app;
// natively it writes the static site or serves it for development.
package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/ui"
)

func main() {
	ui.Register()
	app.RunWhenOnBrowser()

	out := flag.String("out", "", "write the static site into this folder and exit")
	addr := flag.String("addr", "127.0.0.1:8000", "address to serve on when -out is not given")
	version := flag.String("version", "dev", "app version; a change makes installed PWAs update")
	flag.Parse()

	h := ui.Handler(*version)
	if *out != "" {
		if err := app.GenerateStaticWebsite(*out, h); err != nil {
			log.Fatal(err)
		}
		return
	}
	http.Handle("/", h)
	log.Printf("Authlab front end on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
