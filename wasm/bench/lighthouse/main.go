// Command lighthouse measures pages served by the worker with Lighthouse's
// default settings (a mobile device, simulated throttling): the
// performance score, Largest Contentful Paint and Total Blocking Time, and
// the accessibility and best-practices scores. Several sites, such as two
// revisions, are measured interleaved in one run, each page several
// times, and the report gives the median and the range of each figure,
// then each other site's figures against the first site's as paired ratios
// with their 95% intervals (package ratio).
//
//	go run ./wasm/bench/lighthouse -site before=/work/old/worker \
//		-site after=http://127.0.0.1:8787 -runs 3
//
// A site is the origin of a running worker, or a worker folder (with its
// build and node_modules, as `make npm site worker` leaves it) to start
// under wrangler dev with a fresh local D1.
//
// With -trace-runs, the same pages are also loaded in headless chromium
// under a trace, and a second table gives how much of the wall time of
// each page's long tasks its main thread had the CPU for (package
// cpushare): the Total Blocking Time counts wall time, so this share is
// the resolution of the blocking time measured on the machine.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/authlab/authlab/wasm/bench/lhsuite"
	"github.com/authlab/authlab/worker/devserver"
)

// errSite is returned for a -site flag that is not label=origin or
// label=folder.
var errSite = errors.New("a site is label=http://host:port or label=worker-folder")

// sites collects the -site flags.
type sites []string

func (s *sites) String() string     { return strings.Join(*s, ", ") }
func (s *sites) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	var flags sites
	flag.Var(&flags, "site", "label=origin of a running worker, or label=worker folder to start (repeat for each site)")
	runs := flag.Int("runs", 3, "runs per page and site")
	pageList := flag.String("pages", "/,/jwt,/oauth", "comma-separated paths to measure")
	workerDir := flag.String("worker", "worker", "the folder whose node_modules has Lighthouse (make npm)")
	out := flag.String("o", "", "also write the Markdown report to this file")
	traceRuns := flag.Int("trace-runs", 0, "loads per page and site to trace for the main thread's CPU share of its long tasks (0: none)")
	flag.Parse()
	if len(flags) == 0 {
		log.Fatal("no -site given")
	}

	md, err := measure(flags, strings.Split(*pageList, ","), *runs, *traceRuns, *workerDir)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(md)
	if *out != "" {
		if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// measure opens the sites, runs Lighthouse runs times on each page of
// each site, interleaved, and returns the Markdown report. The wrangler
// dev it started are stopped when it returns.
func measure(flags []string, pages []string, runs, traceRuns int, workerDir string) (string, error) {
	ctx := context.Background()
	var sites []lhsuite.Site
	for _, f := range flags {
		s, stop, err := open(ctx, f)
		if err != nil {
			return "", err
		}
		defer stop()
		s.Pages = pages
		sites = append(sites, s)
	}
	md := ""
	if runs > 0 {
		res, err := lhsuite.Measure(ctx, lhsuite.Options{Sites: sites, Runs: runs, WorkerDir: workerDir, Log: os.Stderr})
		if err != nil {
			return "", err
		}
		md = res.Markdown()
	}
	if traceRuns > 0 {
		t, err := lhsuite.ShareMarkdown(ctx, sites, traceRuns, nil)
		if err != nil {
			return "", err
		}
		md += t
	}
	return md, nil
}

// open parses a -site flag. An origin is used as it is; a folder gets a
// wrangler dev of its own, which stop ends.
func open(ctx context.Context, flagValue string) (s lhsuite.Site, stop func(), err error) {
	label, where, ok := strings.Cut(flagValue, "=")
	if !ok || label == "" || where == "" {
		return lhsuite.Site{}, nil, fmt.Errorf("%w: %q", errSite, flagValue)
	}
	if strings.HasPrefix(where, "http://") || strings.HasPrefix(where, "https://") {
		return lhsuite.Site{Label: label, Base: strings.TrimRight(where, "/")}, func() {}, nil
	}
	dir, err := filepath.Abs(where)
	if err != nil {
		return lhsuite.Site{}, nil, err
	}
	state, err := os.MkdirTemp("", "authlab-lighthouse-")
	if err != nil {
		return lhsuite.Site{}, nil, err
	}
	cleanup := func() { os.RemoveAll(state) }
	if err := devserver.Migrate(ctx, dir, "", state); err != nil {
		cleanup()
		return lhsuite.Site{}, nil, err
	}
	srv, err := devserver.Start(ctx, devserver.Options{Name: label, WorkerDir: dir, State: state,
		LogPath: filepath.Join(state, "wrangler.log")})
	if err != nil {
		cleanup()
		return lhsuite.Site{}, nil, err
	}
	stop = func() { srv.Stop(); cleanup() }
	if err := srv.WaitReady(ctx, 90*time.Second); err != nil {
		stop()
		return lhsuite.Site{}, nil, err
	}
	return lhsuite.Site{Label: label, Base: srv.Base}, stop, nil
}
