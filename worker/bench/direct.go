package main

import (
	"context"
	"fmt"
	"log"
	"maps"
	"os"
	"path/filepath"

	"github.com/authlab/authlab/worker/devserver"
	"github.com/authlab/authlab/worker/workerdconf"
)

// Runtimes a variant can run under (-runtime).
const (
	// runtimeDirect is workerd from the npm package on a generated
	// configuration (package workerdconf), pinned to -server-cpus, with
	// nothing in front of the worker.
	runtimeDirect = "direct"
	// runtimeWrangler is `wrangler dev`: miniflare's entry worker in a
	// second workerd proxies every request to the worker's.
	runtimeWrangler = "wrangler"
)

// directWorker describes variant name, staged in vdir, for workerd: the
// modules that wrangler would load (for Hono, the bundle wrangler builds
// from worker/bench/hono), the vars of its wrangler.jsonc and the secrets
// of .dev.vars, and the D1 binding DB, which every variant has, as under
// wrangler dev. Like the wrangler configurations, it has no static
// assets, so every request reaches the worker.
func directWorker(ctx context.Context, cfg *config, proj *project, name, vdir string, devVars []byte) (workerdconf.Worker, error) {
	vars, err := workerdconf.ParseDotenv(string(devVars))
	if err != nil {
		return workerdconf.Worker{}, err
	}
	for k, v := range variantVars(proj) {
		if _, ok := vars[k]; !ok { // .dev.vars wins, as in wrangler dev
			vars[k] = v
		}
	}
	dir, main := vdir, "worker.mjs"
	switch name {
	case baseline:
		dir, main = filepath.Join(vdir, "bundle"), "index.js"
		log.Printf("%s: bundling with wrangler deploy --dry-run", name)
		out, err := devserver.Wrangler(ctx, cfg.worker(), "deploy", "--dry-run", "--outdir", dir,
			"--config", filepath.Join(vdir, "wrangler.jsonc")).CombinedOutput()
		if err != nil {
			return workerdconf.Worker{}, fmt.Errorf("bundle %s: %w\n%s", name, err, out)
		}
		if _, err := os.Stat(filepath.Join(dir, main)); err != nil {
			return workerdconf.Worker{}, fmt.Errorf("bundle %s: %w\n%s", name, err, out)
		}
	case floor:
		dir, main = filepath.Join(cfg.bench(), "floor"), "index.js"
	}
	mods, err := devserver.Modules(dir, main)
	if err != nil {
		return workerdconf.Worker{}, err
	}
	return workerdconf.Worker{CompatibilityDate: proj.CompatibilityDate, Modules: mods, Vars: vars,
		D1: &workerdconf.D1{Binding: "DB", ID: devserver.DirectD1ID}}, nil
}

// variantVars are the vars every variant runs with: those of
// worker/wrangler.jsonc, and SERVER_TIMING, which asks the project's glue
// to report the Go instance's start.
func variantVars(proj *project) map[string]string {
	vars := map[string]string{"SERVER_TIMING": "1"}
	maps.Copy(vars, proj.Vars)
	return vars
}

// startVariant starts variant v on a fresh database in state, under the
// runtime of -runtime, with the migrations applied. Under wrangler dev it
// waits for the "Ready on" line when logLevel is "info"; workerd itself
// has loaded the worker once it listens. The caller must stop the
// server, also when an error is returned with it.
func startVariant(ctx context.Context, cfg *config, st *staged, v variant, state, logLevel string) (*devserver.Server, error) {
	if err := os.RemoveAll(state); err != nil {
		return nil, err
	}
	if cfg.runtime == runtimeDirect {
		return devserver.StartDirect(ctx, devserver.Direct{Name: v.name, WorkerDir: cfg.worker(),
			Worker: st.direct[v.name], State: state, CPUs: cfg.serverCPUs})
	}
	if err := devserver.Migrate(ctx, cfg.worker(), st.configs[v.name], state); err != nil {
		return nil, err
	}
	srv, err := devserver.Start(ctx, devserver.Options{Name: v.name, WorkerDir: cfg.worker(), Config: st.configs[v.name],
		State: state, LogPath: state + ".log", LogLevel: logLevel})
	if err != nil || logLevel != "info" {
		return srv, err
	}
	return srv, srv.WaitLogReady(ctx, cfg.startTimeout)
}
