// Command bench measures the front end in headless chromium as users get
// it, through the worker over HTTPS, beside a minimal JavaScript decoder
// built on jose and jwt.io's debugger built from its source: time from
// navigation to a pasted token's payload drawn and to the workbench
// verifying it, on a first and a repeat visit, unthrottled and at 20
// Mbit/s with 40 ms RTT; the bytes transferred and how app.wasm was
// encoded; keystroke-to-render time; and, in the same run, Lighthouse's
// figures for /, /jwt, /oauth and jwt.io's /. The report goes to
// wasm/bench/results/latest.md and into docs/performance.md between the
// bench-web markers.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
)

// config is the command line.
type config struct {
	worker              string // the worker folder: build/, .dev.vars, node_modules
	runs, keys, lhRuns  int
	out, readme, commit string
	jwtioSrc            string // jwt.io's source, a git repository; "" for none
	jwtioCache          string // where jwt.io's builds are kept
	pasteAt             int    // ms after navigation start before which nothing is pasted
}

func main() {
	var cfg config
	cache, _ := os.UserCacheDir()
	flag.StringVar(&cfg.worker, "worker", "worker", "the worker folder, built (make npm site worker worker/.dev.vars)")
	flag.IntVar(&cfg.runs, "runs", 5, "runs per case; medians and ranges are reported")
	flag.IntVar(&cfg.keys, "keystrokes", 30, "keystrokes per keystroke measurement")
	flag.IntVar(&cfg.pasteAt, "paste-at", 0, "ms after navigation start before which the token is not pasted, as a person pastes after the page shows; 0 pastes as soon as the token field exists")
	flag.IntVar(&cfg.lhRuns, "lighthouse-runs", 3, "Lighthouse runs per page; 0 for none")
	flag.StringVar(&cfg.out, "o", "wasm/bench/results/latest.md", "where to write the Markdown report")
	flag.StringVar(&cfg.readme, "readme", "docs/performance.md", `the results file whose bench-web section is rewritten; "" for none`)
	flag.StringVar(&cfg.commit, "commit", "", "the commit the site was built from (default: git describe of the working tree)")
	flag.StringVar(&cfg.jwtioSrc, "jwtio-src", "", "jwt.io's source, a git repository (bare or not) whose HEAD is built; without it jwt.io is not measured")
	flag.StringVar(&cfg.jwtioCache, "jwtio-cache", filepath.Join(cache, "authlab", "jwtio"), "where jwt.io's builds are kept, one per commit")
	flag.Parse()
	if err := run(context.Background(), cfg); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, cfg config) error {
	load := loadAverage()
	s, err := startSites(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.stop()
	if s.jwtioMissing != "" {
		log.Printf("jwt.io is not measured: %s", s.jwtioMissing)
	}
	flags := chromiumTrusts(s.fronts...)
	for i := range s.pages {
		s.pages[i].pasteAt = cfg.pasteAt
	}
	rep := &report{runs: cfg.runs, keys: cfg.keys, nets: []netProfile{unthrottled, slow}, pages: s.pages,
		samples: map[[2]string]*series{}, commit: cfg.commit, load: load, pasteAt: cfg.pasteAt, jwtioCommit: s.jwtioCommit, jwtioMissing: s.jwtioMissing}
	if err := measureVisits(rep, flags); err != nil {
		return err
	}
	for _, free := range []bool{true, false} {
		for _, p := range s.pages {
			dom, frame, err := keySeries(p, cfg.keys, free, flags)
			if err != nil {
				return fmt.Errorf("%s, keystrokes: %w", p.name, err)
			}
			rep.keyResults = append(rep.keyResults, keyResult{page: p.name, free: free, dom: dom, frame: frame})
			fmt.Fprintf(os.Stderr, "keystrokes, %s, free %v: frame p50 %.1f p95 %.1f\n", p.name, free, percentile(frame, 50), percentile(frame, 95))
		}
	}
	if cfg.lhRuns > 0 {
		if rep.lighthouse, err = lighthouseTable(ctx, cfg, s, flags); err != nil {
			return err
		}
	}
	rep.loadEnd = loadAverage()
	md := rep.markdown()
	fmt.Print(md)
	if err := os.MkdirAll(filepath.Dir(cfg.out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(cfg.out, []byte(md), 0o644); err != nil {
		return err
	}
	if cfg.readme != "" {
		return rewriteReadme(cfg.readme, rep.readme())
	}
	return nil
}

// measureVisits runs every page on every network cfg.runs times,
// alternating which page goes first.
func measureVisits(rep *report, flags []string) error {
	for i := 0; i < rep.runs; i++ {
		for _, n := range rep.nets {
			for j := range rep.pages {
				p := rep.pages[(i+j)%len(rep.pages)]
				first, repeat, err := visits(p, n, flags)
				if err != nil {
					return fmt.Errorf("%s, %s: %w", p.name, n.name, err)
				}
				k := [2]string{p.name, n.name}
				if rep.samples[k] == nil {
					rep.samples[k] = &series{}
				}
				rep.samples[k].add(first, repeat)
				fmt.Fprintf(os.Stderr, "run %d, %s, %s: first %.0f/%.0f ms %s; repeat %.0f/%.0f ms %s\n", i+1, p.name, n.name,
					first.payload, first.ready, first.enc, repeat.payload, repeat.ready, repeat.enc)
			}
		}
	}
	return nil
}

// loadAverage is the first three fields of /proc/loadavg.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ", ")
}
