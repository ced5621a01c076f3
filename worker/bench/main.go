// Command bench compares, in one run on one machine, how fast three Workers
// answer GET /api/protected, the ES256 verification of a Bearer token, each
// under its own `wrangler dev` on a free loopback port:
//
//	go-syumai  the project's worker (./worker) with the worker.mjs that
//	           syumai/workers generates: a new Go instance per request
//	go-glue    the same app.wasm with the project's glue, worker/glue/worker.mjs:
//	           one Go instance per isolate, reused
//	hono       worker/bench/hono, the same check written with Hono
//
// Run it from the repository root:
//
//	go run ./worker/bench [-t 2] [-c 16] [-d 10s] [-rounds 3] [-warmup 5s] [-variants go-syumai,go-glue,hono]
//
// It needs wrk on PATH and the npm tooling in worker/node_modules (`cd worker
// && npm ci`); brotli is optional. It builds app.wasm itself, with the flags
// of worker/build/app.wasm, into worker/bench/.build, generates the glue with
// workers-assets-gen, and reads SIGNING_KEYS from worker/.dev.vars (running
// ./worker/devkey first when the file lacks it). Each variant gets a fresh
// D1 under worker/bench/.state. All variants are started first and then
// measured in interleaved rounds, so that other load on the machine falls
// on all of them alike. The table goes to stdout and to
// worker/bench/results/latest.md. A variant with any socket error or
// non-2xx response in any round is reported as invalid, without numbers.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// config holds the command-line settings.
type config struct {
	root         string // repository root, holding go.mod
	threads      int
	rounds       int
	conns        int
	duration     time.Duration
	warmup       time.Duration
	variants     []string
	out          string
	logLevel     string
	startTimeout time.Duration
}

func (c *config) worker() string { return filepath.Join(c.root, "worker") }
func (c *config) bench() string  { return filepath.Join(c.root, "worker", "bench") }

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	cfg, err := parseFlags()
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err = run(ctx, cfg)
	stop()
	if err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func parseFlags() (*config, error) {
	c := &config{}
	var variants string
	flag.StringVar(&c.root, "root", "", "repository root (default: the nearest directory above the working directory with go.mod)")
	flag.IntVar(&c.threads, "t", 2, "wrk threads")
	flag.IntVar(&c.conns, "c", 16, "wrk connections")
	flag.DurationVar(&c.duration, "d", 10*time.Second, "measured wrk duration per variant and round")
	flag.IntVar(&c.rounds, "rounds", 3, "measured rounds per variant, interleaved across variants")
	flag.DurationVar(&c.warmup, "warmup", 5*time.Second, "unmeasured wrk run before each measurement (0 to skip)")
	flag.StringVar(&variants, "variants", strings.Join(variantNames(), ","), "comma-separated variants to run")
	flag.StringVar(&c.out, "o", "", "Markdown results file (default worker/bench/results/latest.md)")
	flag.StringVar(&c.logLevel, "log-level", "warn", "wrangler dev --log-level; info logs every request")
	flag.DurationVar(&c.startTimeout, "start-timeout", 2*time.Minute, "how long one wrangler dev may take to answer /api/health")
	flag.Parse()
	if flag.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", flag.Args())
	}
	if c.threads < 1 || c.conns < c.threads || c.duration < time.Second || c.rounds < 1 || c.rounds > 20 {
		return nil, fmt.Errorf("need -t ≥ 1, -c ≥ -t, -d ≥ 1s and 1 ≤ -rounds ≤ 20")
	}
	for _, v := range strings.Split(variants, ",") {
		if _, ok := lookupVariant(v); !ok {
			return nil, fmt.Errorf("unknown variant %q; known: %s", v, strings.Join(variantNames(), ", "))
		}
		c.variants = append(c.variants, v)
	}
	if c.root == "" {
		root, err := findRoot()
		if err != nil {
			return nil, err
		}
		c.root = root
	}
	if c.out == "" {
		c.out = filepath.Join(c.bench(), "results", "latest.md")
	}
	return c, nil
}

// findRoot walks up from the working directory to the directory of go.mod.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for range 64 {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", fmt.Errorf("no go.mod above the working directory; run from the repository or pass -root")
}
