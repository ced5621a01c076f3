//go:build !wasm

package main

import (
	"flag"
	"log"
	"net/http"

	"github.com/authlab/authlab/app/ui"
)

// serve writes the static site, or serves it for development. It is built
// natively only: in the browser ui.Start never returns, and
// leaving the server out keeps net/http's server and the page renderer
// out of app.wasm.
func serve() {
	out := flag.String("out", "", "write the static site into this folder and exit")
	addr := flag.String("addr", "127.0.0.1:8000", "address to serve on when -out is not given")
	version := flag.String("version", "dev", "app version; a change makes installed PWAs update")
	base := flag.String("base", "", `path the site is served under, such as "/authlab"; empty for the root`)
	api := flag.String("api", "", "the demo server's URL; empty for the pages' own origin")
	flag.Parse()

	cfg := ui.Config{Version: *version, BasePath: *base, APIURL: *api}
	if *out != "" {
		if err := ui.WriteSite(*out, cfg); err != nil {
			log.Fatal(err)
		}
		return
	}
	cfg, err := cfg.Normalize()
	if err != nil {
		log.Fatal(err)
	}
	http.Handle("/", ui.Pages(cfg))
	log.Printf("Authlab front end on http://%s%s/", *addr, cfg.BasePath)
	log.Fatal(http.ListenAndServe(*addr, nil))
}
