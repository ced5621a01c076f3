// Command bench measures the front end in headless chromium against a
// minimal JavaScript decoder built on jose: time from navigation to a
// pasted token's payload drawn and to the workbench verifying it, on a
// first and a repeat visit, unthrottled and at 20 Mbit/s with 40 ms RTT;
// the bytes transferred; and keystroke-to-render time. Both pages are
// served by one local server and measured interleaved in one run. The
// report goes to wasm/bench/results/latest.md and into docs/performance.md between
// the bench-web markers.
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
	readme := flag.String("readme", "docs/performance.md", `the results file whose bench-web section is rewritten; "" for none`)
	commit := flag.String("commit", "", "the commit the site was built from (default: git describe of the working tree)")
	also := flag.String("also", "", "another build of the site, measured in the same run (latest.md only), such as an earlier revision's")
	alsoLabel := flag.String("also-label", "", "what the -also build is, in the results file's words (default: its folder)")
	flag.Parse()
	if *alsoLabel == "" {
		*alsoLabel = *also
	}

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

	pages := []target{{authlab, srv.URL + "/jwt"}, {jose, srv.URL + "/baseline/"}}
	if *also != "" {
		other, err := serve(*also, baseline)
		if err != nil {
			log.Fatal(err)
		}
		defer other.Close()
		pages = append(pages, target{"Authlab, " + *also, other.URL + "/jwt"})
	}
	nets := []netProfile{unthrottled, slow}
	samples := map[[2]string]*series{}
	for i := 0; i < *runs; i++ {
		for _, n := range nets {
			for j := range pages {
				p := pages[(i+j)%len(pages)] // alternate which page goes first
				first, repeat, err := visits(p, n)
				if err != nil {
					log.Fatalf("%s, %s: %v", p.name, n.name, err)
				}
				k := [2]string{p.name, n.name}
				if samples[k] == nil {
					samples[k] = &series{}
				}
				samples[k].add(first, repeat)
				fmt.Fprintf(os.Stderr, "run %d, %s, %s: first %+v, repeat %+v\n", i+1, p.name, n.name, first, repeat)
			}
		}
	}
	rep := report{runs: *runs, keys: *keys, samples: samples, nets: nets, pages: pages, commit: *commit, alsoLabel: *alsoLabel}
	for _, free := range []bool{true, false} {
		for _, p := range pages[:2] {
			dom, frame, err := keySeries(p, *keys, free)
			if err != nil {
				log.Fatalf("%s, keystrokes: %v", p.name, err)
			}
			rep.keyResults = append(rep.keyResults, keyResult{page: p.name, free: free, dom: dom, frame: frame})
			fmt.Fprintf(os.Stderr, "keystrokes, %s, free %v: frame p50 %.1f p95 %.1f\n", p.name, free, percentile(frame, 50), percentile(frame, 95))
		}
	}
	md := rep.markdown()
	fmt.Print(md)
	if err := os.MkdirAll(filepath.Dir(*out), 0o755); err == nil {
		if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
			log.Print(err)
		}
	}
	if *readme != "" {
		if err := rewriteReadme(*readme, rep.readme()); err != nil {
			log.Fatal(err)
		}
	}
}
