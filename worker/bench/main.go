// Command bench compares, in one run on one machine, how fast three Workers
// answer the auth server's main endpoints, each on its own workerd on a
// free loopback port: by default (-runtime direct) workerd from the npm
// package on a configuration that package workerdconf generates, with the
// worker's modules, vars, secrets and a local D1 built from miniflare's
// own D1 scripts, and nothing in front of the worker; with -runtime
// wrangler, under `wrangler dev`, whose proxy (miniflare's entry worker in
// a second workerd) handles every request first. workerd is pinned to
// -server-cpus and wrk to -load-cpus with taskset, so that the load
// generator does not take the server's CPU:
//
//	go-syumai  the project's worker as it was at syumaiRev, the last revision
//	           that served every endpoint under the worker.mjs syumai/workers
//	           generates, under that glue: a new Go instance per request
//	go-glue    the project's worker (./worker) with its own glue, worker/glue:
//	           one Go instance per isolate, reused
//	hono       worker/bench/hono, the same endpoints written with Hono
//	go-floor   worker/bench/gofloor, the floor's fixed answers in Go through
//	           the project's glue: what any Go worker pays to start and to
//	           cross into Go, before its own work
//	floor      worker/bench/floor, a fixed answer to every request and no
//	           work: the most that wrangler dev, wrk and the machine allow,
//	           against which the others' own cost shows
//
// The endpoints (-endpoints) are
//
//	protected  GET /api/protected: ES256 Bearer JWT verification, one
//	           token repeated
//	protected-distinct
//	           the same with 4,000 distinct tokens round-robin, each the
//	           variant's own login token with another jti, signed again
//	           with the variant's key from worker/.dev.vars: more than any
//	           verified-token cache holds
//	login      POST /api/login: throttle queries, PBKDF2-SHA256 with the
//	           PBKDF2_ITERATIONS of worker/wrangler.jsonc, ES256 signing and
//	           a refresh token insert
//	data       GET /api/data: API key lookup by prefix, SHA-256 check and the
//	           atomic D1 quota upsert, over four keys with the largest quota
//	token      POST /oauth/token: client_credentials with client_secret_basic
//	           and ES256 signing
//
// Run it from the repository root:
//
//	go run ./worker/bench [-runtime direct] [-server-cpus 1] [-load-cpus 0]
//	                      [-t 2] [-c 16] [-d 6s] [-rounds 10] [-warmup 5s] [-timeout 10s] [-cpu-requests 200] [-cold-runs 3]
//	                      [-variants go-syumai,go-glue,hono,go-floor,floor] [-endpoints protected,login,data,token] [-revs rev,...] [-readme=false]
//
// It needs wrk on PATH and the npm tooling in worker/node_modules (`cd worker
// && npm ci`); brotli is optional. It builds app.wasm itself, with the flags
// of worker/build/app.wasm, into worker/bench/.build/run-<pid>, generates wasm_exec.js with
// workers-assets-gen, and reads SIGNING_KEYS from worker/.dev.vars (running
// ./worker/devkey first when the file lacks it). Every variant runs with
// the compatibility date and vars of worker/wrangler.jsonc, so the Go and
// the Hono worker hash with the configured PBKDF2_ITERATIONS. Each variant
// gets a fresh D1 under worker/bench/.state/run-<pid>; both directories
// are the run's own, so runs at the same time do not disturb each other,
// and are removed at its end.
//
// It measures, in this order:
//
//  1. cold start: -cold-runs times per variant, a wrangler dev of its own
//     is started and its first GET /api/health timed against the
//     following ones, with the glue's Server-Timing of the Go instance's
//     start; and the time node's V8 takes to compile app.wasm;
//  2. throughput: after a warm-up per variant and endpoint, wrk runs in
//     rounds, and within a round endpoint by endpoint, every variant in
//     turn, so that other load on the machine falls on all of them alike;
//     req/s, p50 and p99 are medians over the rounds, and each ratio
//     against Hono is the geometric mean of the per-round ratios with a
//     95% t-interval (app/ratio), which is the run's resolution; the
//     floor's margin over the fastest measured worker (Authlab or Hono,
//     not the Go floor, a floor itself) is reported the same way, and
//     flagged when it is under 3×;
//  3. CPU time per request: -cpu-requests sequential requests per variant
//     and endpoint, and the utime+stime of the variant's workerd processes
//     over them (an upper bound: it includes workerd itself and local D1).
//
// With -revs, the worker and its glue as they were at each listed git
// revision run too, as go-glue@<rev>, built from `git archive`: one run then
// measures what each change moved.
//
// The tables go to stdout and to worker/bench/results/latest.md. A run of
// every endpoint with go-glue and hono also rewrites the bench-edge
// section of docs/performance.md (-readme=false keeps it): the ratios, cold start
// and size, and, with -revs, what each revision's change moved. A variant
// with any socket error or non-2xx response in any round of an endpoint is
// reported as invalid there, without numbers.
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
	timeout      time.Duration
	variants     []string
	revs         []string
	endpoints    []string
	cpuRequests  int
	coldRuns     int
	out          string
	logLevel     string
	startTimeout time.Duration
	readme       bool
	runID        string // names this run's build and state directories
	runtime      string // runtimeDirect or runtimeWrangler
	serverCPUs   string // taskset -c list for workerd under runtimeDirect
	loadCPUs     string // taskset -c list for wrk
}

func (c *config) worker() string { return filepath.Join(c.root, "worker") }
func (c *config) bench() string  { return filepath.Join(c.root, "worker", "bench") }

// build and state are this run's directories under worker/bench/.build
// and worker/bench/.state, named after the process, so that runs at the
// same time, from one checkout, never rebuild or wipe each other's
// workers and databases.
func (c *config) build() string { return filepath.Join(c.bench(), ".build", c.runID) }
func (c *config) state() string { return filepath.Join(c.bench(), ".state", c.runID) }

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
	var variants, eps, revs string
	flag.StringVar(&c.root, "root", "", "repository root (default: the nearest directory above the working directory with go.mod)")
	flag.IntVar(&c.threads, "t", 2, "wrk threads")
	flag.IntVar(&c.conns, "c", 16, "wrk connections")
	flag.DurationVar(&c.duration, "d", 6*time.Second, "measured wrk duration per variant and round")
	flag.IntVar(&c.rounds, "rounds", 10, "measured rounds per variant, interleaved across variants; the 95% intervals narrow with more")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Second, "wrk --timeout: a response slower than this counts as a socket error")
	flag.DurationVar(&c.warmup, "warmup", 5*time.Second, "unmeasured wrk run before each measurement (0 to skip)")
	flag.StringVar(&variants, "variants", strings.Join(variantNames(), ","), "comma-separated variants to run")
	flag.StringVar(&revs, "revs", "", "comma-separated git revisions to measure too, each as go-glue@<rev>: its worker with its glue")
	flag.StringVar(&eps, "endpoints", strings.Join(endpointNames(), ","), "comma-separated endpoints to measure")
	flag.IntVar(&c.coldRuns, "cold-runs", 3, "fresh wrangler dev starts per variant for the cold start (0 to skip)")
	flag.IntVar(&c.cpuRequests, "cpu-requests", 200, "sequential requests per variant and endpoint for the CPU time per request (0 to skip)")
	flag.StringVar(&c.out, "o", "", "Markdown results file (default worker/bench/results/latest.md)")
	flag.StringVar(&c.logLevel, "log-level", "warn", "wrangler dev --log-level; info logs every request")
	flag.BoolVar(&c.readme, "readme", true, "rewrite the bench-edge section of "+resultsFile+" after a run of every endpoint with go-glue and hono")
	flag.StringVar(&c.runtime, "runtime", runtimeDirect, "how each variant runs: "+runtimeDirect+" (workerd from the npm package on a generated configuration, nothing in front) or "+runtimeWrangler+" (wrangler dev)")
	flag.StringVar(&c.serverCPUs, "server-cpus", "1", "CPUs (taskset -c) for workerd with -runtime direct; '' leaves it unpinned")
	flag.StringVar(&c.loadCPUs, "load-cpus", "0", "CPUs (taskset -c) for wrk; '' leaves it unpinned")
	flag.DurationVar(&c.startTimeout, "start-timeout", 2*time.Minute, "how long one wrangler dev may take to be ready")
	flag.Parse()
	if flag.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", flag.Args())
	}
	if c.runtime != runtimeDirect && c.runtime != runtimeWrangler {
		return nil, fmt.Errorf("-runtime is %s or %s", runtimeDirect, runtimeWrangler)
	}
	if c.threads < 1 || c.conns < c.threads || c.duration < time.Second || c.rounds < 1 || c.rounds > 60 || c.cpuRequests < 0 || c.coldRuns < 0 || c.timeout < time.Second {
		return nil, fmt.Errorf("need -t ≥ 1, -c ≥ -t, -d ≥ 1s, 1 ≤ -rounds ≤ 60, -cpu-requests ≥ 0, -cold-runs ≥ 0 and -timeout ≥ 1s")
	}
	for _, v := range strings.Split(variants, ",") {
		if _, ok := lookupVariant(v); !ok {
			return nil, fmt.Errorf("unknown variant %q; known: %s", v, strings.Join(variantNames(), ", "))
		}
		c.variants = append(c.variants, v)
	}
	for _, r := range strings.Split(revs, ",") {
		if r = strings.TrimSpace(r); r != "" {
			c.revs = append(c.revs, r)
		}
	}
	for _, e := range strings.Split(eps, ",") {
		if _, ok := lookupEndpoint(e); !ok {
			return nil, fmt.Errorf("unknown endpoint %q; known: %s", e, strings.Join(endpointNames(), ", "))
		}
		c.endpoints = append(c.endpoints, e)
	}
	if c.root == "" {
		root, err := findRoot()
		if err != nil {
			return nil, err
		}
		c.root = root
	}
	c.runID = fmt.Sprintf("run-%d", os.Getpid())
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
