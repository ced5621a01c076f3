package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/worker/devserver"
	"github.com/authlab/authlab/worker/workerdconf"
)

// staged is what stage laid out in the run's build directory.
type staged struct {
	project  *project                      // worker/wrangler.jsonc's settings
	wasm     string                        // the app.wasm of the working tree
	configs  map[string]string             // variant name → its wrangler.jsonc
	direct   map[string]workerdconf.Worker // variant name → its workerd worker, with -runtime direct
	variants []variant                     // the variants to measure, in order
	signing  *keys.Set                     // SIGNING_KEYS of worker/.dev.vars, which every variant signs with
}

// checkPrereqs fails early, with the fix, when a tool is missing.
func checkPrereqs(cfg *config) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return fmt.Errorf("wrk is not on PATH; install it with `apt-get install wrk`")
	}
	if cfg.runtime == runtimeDirect && (cfg.serverCPUs != "" || cfg.loadCPUs != "") {
		if _, err := exec.LookPath("taskset"); err != nil {
			return fmt.Errorf("taskset is not on PATH; install util-linux, or pass -server-cpus '' -load-cpus ''")
		}
	}
	for _, p := range []string{"node_modules/.bin/wrangler", "node_modules/.bin/workerd", "node_modules/hono/package.json"} {
		if _, err := os.Stat(filepath.Join(cfg.worker(), p)); err != nil {
			return fmt.Errorf("worker/%s is missing; run `cd worker && npm ci`", p)
		}
	}
	return nil
}

// stage builds app.wasm with the flags of worker/build/app.wasm, generates
// wasm_exec.js with workers-assets-gen, and writes one directory per
// variant, each with its wrangler.jsonc and a copy of worker/.dev.vars. A
// variant with a revision (go-glue@<rev>, go-syumai) gets its app.wasm and
// glue built from that revision.
func stage(ctx context.Context, cfg *config, vs []variant) (*staged, error) {
	proj, err := readProject(cfg)
	if err != nil {
		return nil, err
	}
	dir := cfg.build()
	gen := filepath.Join(dir, "gen")
	st := &staged{project: proj, wasm: filepath.Join(dir, "app.wasm"), configs: map[string]string{}, direct: map[string]workerdconf.Worker{}, variants: vs}
	floorWasm := filepath.Join(dir, "gofloor.wasm")
	log.Print("building app.wasm and the Go floor and generating wasm_exec.js")
	steps := [][]string{
		{"go", "build", "-trimpath", "-ldflags=-s -w", "-o", st.wasm, "./worker"},
		{"go", "build", "-trimpath", "-ldflags=-s -w", "-o", floorWasm, "./worker/bench/gofloor"},
		{"go", "run", "github.com/syumai/workers/cmd/workers-assets-gen", "-mode=go", "-o", gen},
	}
	for _, args := range steps {
		var env []string
		if args[1] == "build" {
			env = []string{"GOOS=js", "GOARCH=wasm"}
		}
		if err := command(ctx, cfg.root, env, args...); err != nil {
			return nil, err
		}
	}
	devVars, err := devVars(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if st.signing, err = signingKeys(devVars); err != nil {
		return nil, err
	}
	glue, err := glueFiles(cfg.root)
	if err != nil {
		return nil, err
	}
	glue["runtime.mjs"] = filepath.Join(gen, "runtime.mjs")
	glue["wasm_exec.js"] = filepath.Join(gen, "wasm_exec.js")
	glue["app.wasm"] = st.wasm
	floorGlue := maps.Clone(glue)
	floorGlue["app.wasm"] = floorWasm
	files := map[string]map[string]string{ // variant → destination name → source
		"go-glue": glue,
		goFloor:   floorGlue,
		"hono":    {},
		floor:     {},
	}
	for _, v := range vs {
		name := v.name
		vdir := filepath.Join(dir, name)
		if err := os.RemoveAll(vdir); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(vdir, 0o755); err != nil {
			return nil, err
		}
		for dst, src := range files[name] {
			if err := copyFile(src, filepath.Join(vdir, dst)); err != nil {
				return nil, err
			}
		}
		if v.rev != "" {
			if err := stageRev(ctx, cfg, v, vdir, gen); err != nil {
				return nil, err
			}
		}
		if err := os.WriteFile(filepath.Join(vdir, ".dev.vars"), devVars, 0o600); err != nil {
			return nil, err
		}
		path := filepath.Join(vdir, "wrangler.jsonc")
		if err := writeWranglerConfig(cfg, proj, name, path); err != nil {
			return nil, err
		}
		st.configs[name] = path
		if cfg.runtime == runtimeDirect {
			if st.direct[name], err = directWorker(ctx, cfg, proj, name, vdir, devVars); err != nil {
				return nil, err
			}
		}
	}
	return st, nil
}

// devVars returns worker/.dev.vars, after running ./worker/devkey when it
// has no SIGNING_KEYS yet.
func devVars(ctx context.Context, cfg *config) ([]byte, error) {
	path := filepath.Join(cfg.worker(), ".dev.vars")
	b, err := os.ReadFile(path)
	if err == nil && bytes.Contains(b, []byte("SIGNING_KEYS=")) {
		return b, nil
	}
	if err := command(ctx, cfg.root, nil, "go", "run", "./worker/devkey", "-o", path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// writeWranglerConfig writes the configuration of one variant: for all
// of them the compatibility date and vars of worker/wrangler.jsonc (among
// them PBKDF2_ITERATIONS) and its D1 schema, and no static assets, so
// every request reaches the worker. SERVER_TIMING asks the project's glue
// to report the Go instance's start.
func writeWranglerConfig(cfg *config, proj *project, name, path string) error {
	vars := variantVars(proj)
	main := "worker.mjs"
	switch name {
	case baseline:
		main = filepath.Join(cfg.bench(), "hono", "src", "index.js")
	case floor:
		main = filepath.Join(cfg.bench(), "floor", "index.js")
	}
	id := "authlab-bench-" + strings.ReplaceAll(name, "@", "-") // wrangler allows [a-z0-9-]
	c := map[string]any{
		"name":               id,
		"main":               main,
		"compatibility_date": proj.CompatibilityDate,
		"send_metrics":       false,
		"d1_databases": []map[string]string{{
			"binding":        "DB",
			"database_name":  id,
			"database_id":    "00000000-0000-0000-0000-000000000000",
			"migrations_dir": filepath.Join(cfg.root, "app", "store", "migrations"),
		}},
		"vars": vars,
	}
	if name != baseline {
		c["rules"] = []map[string]any{{"type": "CompiledWasm", "globs": []string{"**/*.wasm"}, "fallthrough": false}}
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// command runs a short build step in dir, with extra environment, and
// returns its output in the error when it fails.
func command(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	devserver.OwnGroup(cmd)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
