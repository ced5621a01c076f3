package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
)

// variant is one worker under test.
type variant struct {
	name string
	what string
}

// baseline is the variant the ratios are taken against.
const baseline = "hono"

var variants = []variant{
	{"go-syumai", "the Go worker with syumai's generated worker.mjs: a new Go instance per request"},
	{"go-glue", "the same app.wasm with worker/glue/worker.mjs: one Go instance per isolate"},
	{"hono", "worker/bench/hono: Hono, ES256 through hono/jwt and WebCrypto"},
}

func variantNames() []string {
	names := make([]string, len(variants))
	for i, v := range variants {
		names[i] = v.name
	}
	return names
}

func lookupVariant(name string) (variant, bool) {
	for _, v := range variants {
		if v.name == name {
			return v, true
		}
	}
	return variant{}, false
}

// target is a variant that is up and has a token.
type target struct {
	srv    *server
	url    string // the benchmarked URL
	script string // the wrk Lua script carrying the token
}

// run checks the prerequisites, stages and starts every variant, then
// measures them in interleaved rounds, so that a burst of other load on
// the machine hits all of them alike. Every process it starts is stopped
// before it returns.
func run(ctx context.Context, cfg *config) error {
	if err := checkPrereqs(cfg); err != nil {
		return err
	}
	st, err := stage(ctx, cfg)
	if err != nil {
		return err
	}
	loadBefore := loadAvg()
	rows := make([]row, len(cfg.variants))
	targets := make([]*target, len(cfg.variants))
	for i, name := range cfg.variants {
		v, _ := lookupVariant(name)
		rows[i].variant = v
		log.Printf("%s: %s", v.name, v.what)
		t, err := prepare(ctx, cfg, st, v)
		if t != nil {
			defer t.close()
		}
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", ctx.Err())
		}
		if err != nil {
			log.Printf("%s: %v", v.name, err)
			rows[i].err = err
			continue
		}
		targets[i] = t
	}
	for round := 0; round < cfg.rounds; round++ {
		for i, t := range targets {
			if t == nil || rows[i].err != nil {
				continue
			}
			name := rows[i].variant.name
			log.Printf("%s: round %d/%d, %s with %d threads and %d connections", name, round+1, cfg.rounds, cfg.duration, cfg.threads, cfg.conns)
			res, err := runWrk(ctx, cfg, cfg.duration, t.script, t.url)
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted: %w", ctx.Err())
			}
			if err != nil {
				rows[i].err = err
				continue
			}
			log.Printf("%s: %s", name, res.summary())
			if !res.valid() {
				log.Printf("%s: invalid round\n%s", name, t.srv.logTail())
			}
			rows[i].rounds = append(rows[i].rounds, res)
		}
	}
	rep := report{cfg: cfg, rows: rows, env: describeEnv(cfg, loadBefore), sizes: wasmSizes(cfg, st)}
	return rep.write()
}

// prepare starts the variant's wrangler dev on a fresh database, gets a
// token and warms the worker up. The caller closes the target, also when
// an error is returned with it.
func prepare(ctx context.Context, cfg *config, st *staged, v variant) (*target, error) {
	state := filepath.Join(cfg.bench(), ".state", v.name)
	if err := os.RemoveAll(state); err != nil {
		return nil, err
	}
	if err := migrate(ctx, cfg, st.configs[v.name], state); err != nil {
		return nil, err
	}
	srv, err := startWrangler(ctx, cfg, v.name, st.configs[v.name], state)
	if err != nil {
		return nil, err
	}
	t := &target{srv: srv, url: srv.base + "/api/protected"}
	if err := srv.waitReady(ctx, cfg.startTimeout); err != nil {
		return t, err
	}
	token, err := newClient(srv.base).token(ctx)
	if err != nil {
		return t, fmt.Errorf("%w\n%s", err, srv.logTail())
	}
	if t.script, err = writeScript(cfg, token); err != nil {
		return t, err
	}
	if cfg.warmup > 0 {
		log.Printf("%s: warming up for %s", v.name, cfg.warmup)
		if _, err := runWrk(ctx, cfg, cfg.warmup, t.script, t.url); err != nil {
			return t, fmt.Errorf("warm-up: %w", err)
		}
	}
	return t, nil
}

// close stops the server and removes the script.
func (t *target) close() {
	t.srv.stop()
	if t.script != "" {
		os.Remove(t.script)
	}
}

// write prints the report, saves it to cfg.out, and fails when a variant
// has no valid measurement.
func (r *report) write() error {
	text := r.markdown()
	fmt.Print(text)
	if err := os.MkdirAll(filepath.Dir(r.cfg.out), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(r.cfg.out, []byte(text), 0o644); err != nil {
		return err
	}
	log.Printf("wrote %s", r.cfg.out)
	for _, row := range r.rows {
		if !row.valid() {
			return errors.New("at least one variant has no valid measurement")
		}
	}
	return nil
}
