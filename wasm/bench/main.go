// Command bench measures the front end in headless chromium against a
// minimal JavaScript decoder built on jose: time from navigation to a
// pasted token's payload drawn, cold and warm, unthrottled and at
// 20 Mbit/s with 40 ms RTT, the bytes transferred, and keystroke-to-render
// time. Both pages are served by one local server in one run.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

func main() {
	site := flag.String("site", "worker/build/site", "the built static site (make site)")
	runs := flag.Int("runs", 5, "runs per case; medians are reported")
	keys := flag.Int("keystrokes", 30, "keystrokes per keystroke measurement")
	out := flag.String("o", "wasm/bench/results/latest.md", "where to write the Markdown report")
	flag.Parse()

	baseline, err := buildBaseline()
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(baseline)
	srv, err := serve(*site, baseline)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	var results []result
	for _, p := range []target{{"Authlab (Go/wasm)", srv.URL + "/jwt"}, {"jose baseline (JS)", srv.URL + "/baseline/"}} {
		for _, n := range []netProfile{unthrottled, slow} {
			r, err := measure(p, n, *runs, *keys)
			if err != nil {
				log.Fatalf("%s, %s: %v", p.name, n.name, err)
			}
			results = append(results, r)
			fmt.Fprintf(os.Stderr, "%s, %s: %+v\n", p.name, n.name, r)
		}
	}
	report := markdown(results, *runs, *keys)
	fmt.Print(report)
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err == nil {
		os.WriteFile(*out, []byte(report), 0o644)
	}
}
