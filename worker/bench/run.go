package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/worker/devserver"
	"github.com/authlab/authlab/worker/procstat"
)

// variant is one worker under test.
type variant struct {
	name    string
	what    string
	rev     string // for go-glue@<rev> and go-syumai: the git revision it is built from
	subject string // and the subject of its commit
	syumai  bool   // it runs under the worker.mjs that syumai/workers generates
}

// syumaiRev is the last revision whose worker answered every benchmarked
// endpoint under syumai's generated worker.mjs (binding.handleRequest):
// from 0008946 on, the store runs D1 batches, which only the project's
// glue offers, so login and data failed there; the worker now serves only
// its own glue.
const syumaiRev = "fe27715"

// baseline is the variant the ratios are taken against.
const baseline = "hono"

var variants = []variant{
	{name: "go-syumai", rev: syumaiRev, syumai: true, what: "the Go worker at " + syumaiRev + ", the last revision that served every endpoint under syumai's generated worker.mjs, under that glue: a new Go instance per request"},
	{name: "go-glue", what: "the Go worker with its own glue, worker/glue: one Go instance per isolate"},
	{name: baseline, what: "worker/bench/hono: Hono with WebCrypto for ES256, PBKDF2 and SHA-256, over the same D1 schema"},
	{name: goFloor, what: "worker/bench/gofloor: the floor's fixed answers in Go, through the project's glue like go-glue: what any Go worker pays to start and to cross into Go"},
	{name: floor, what: "worker/bench/floor: a fixed answer to every request and no work, the most that the runtime, wrk and this machine allow"},
}

// floor is the variant that does no work; what the others lose against it
// is their own cost.
const floor = "floor"

// goFloor is the floor written in Go and served through the project's
// glue: what go-glue costs over it is the worker's own work, and what it
// costs over floor is the Go runtime's and the crossing's.
const goFloor = "go-floor"

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

// chosenVariants lists the variants of -variants, with a go-glue@<rev>
// for every revision of -revs before them.
func chosenVariants(cfg *config) ([]variant, error) {
	var vs []variant
	for _, rev := range cfg.revs {
		v, err := revVariant(cfg, rev)
		if err != nil {
			return nil, err
		}
		vs = append(vs, v)
	}
	for _, name := range cfg.variants {
		v, _ := lookupVariant(name)
		vs = append(vs, v)
	}
	return vs, nil
}

// target is a variant that is up, with its fixture and one wrk script per
// endpoint.
type target struct {
	srv     *devserver.Server
	fx      *fixture
	scripts map[string]string // endpoint name → Lua script path
	runtime int               // pid of the worker's own workerd, or 0
	signing *keys.Set         // the keys the distinct tokens are signed with
}

// run checks the prerequisites, stages and starts every variant, then
// measures them endpoint by endpoint in interleaved rounds, so that a burst
// of other load on the machine hits all of them alike, and finally measures
// CPU time per request at concurrency 1. Every process it starts is stopped
// before it returns.
func run(ctx context.Context, cfg *config) error {
	if err := checkPrereqs(cfg); err != nil {
		return err
	}
	// Removed last, once every server has stopped.
	defer os.RemoveAll(cfg.state())
	defer os.RemoveAll(cfg.build())
	source := sourceRevision(cfg) // before the run, during which others may commit
	vs, err := chosenVariants(cfg)
	if err != nil {
		return err
	}
	st, err := stage(ctx, cfg, vs)
	if err != nil {
		return err
	}
	rep := &report{cfg: cfg, project: st.project, loadBefore: loadAvg(), variants: st.variants, source: source}
	for _, name := range cfg.endpoints {
		e, _ := lookupEndpoint(name)
		rep.endpoints = append(rep.endpoints, e)
	}
	rep.init()
	if cfg.coldRuns > 0 {
		if err := measureColdStarts(ctx, cfg, st, rep); err != nil {
			return err
		}
	}
	targets := make([]*target, len(rep.variants))
	for i, v := range rep.variants {
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
			rep.failVariant(i, err)
			continue
		}
		targets[i] = t
	}
	if err := measureThroughput(ctx, cfg, rep, targets); err != nil {
		return err
	}
	if cfg.cpuRequests > 0 {
		if err := renewTokens(ctx, cfg, rep, targets); err != nil {
			return err
		}
		if err := measureCPU(ctx, cfg, rep, targets); err != nil {
			return err
		}
	}
	rep.compile = compileTime(ctx, cfg, st.wasm)
	rep.sizes = wasmSizes(cfg, st)
	rep.env = describeEnv(cfg, rep.loadBefore)
	if err := rep.writeResults(); err != nil {
		log.Printf("%s: %v", resultsFile, err)
	}
	return rep.write()
}

// measureThroughput warms every variant up on every endpoint, then runs wrk
// in rounds: per round, per endpoint, every variant in turn, starting with
// a different one in each round, so that none is always measured at the
// same point of a round. It also takes the CPU time of the worker's own
// workerd per request under that load.
func measureThroughput(ctx context.Context, cfg *config, rep *report, targets []*target) error {
	round := 0
	each := func(fn func(ei, vi int, e endpoint, t *target) error) error {
		for ei, e := range rep.endpoints {
			for k := range targets {
				vi := (k + round) % len(targets)
				t := targets[vi]
				if t == nil || rep.rows[ei][vi].err != nil {
					continue
				}
				if err := fn(ei, vi, e, t); err != nil {
					return err
				}
				if ctx.Err() != nil {
					return fmt.Errorf("interrupted: %w", ctx.Err())
				}
			}
		}
		return nil
	}
	if cfg.warmup > 0 {
		err := each(func(ei, vi int, e endpoint, t *target) error {
			log.Printf("%s %s: warming up for %s", rep.variants[vi].name, e.name, cfg.warmup)
			if _, err := runWrk(ctx, cfg, cfg.warmup, t.scripts[e.name], t.srv.Base+e.path); err != nil {
				rep.rows[ei][vi].err = fmt.Errorf("warm-up: %w", err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	for ; round < cfg.rounds; round++ {
		if err := renewTokens(ctx, cfg, rep, targets); err != nil {
			return err
		}
		err := each(func(ei, vi int, e endpoint, t *target) error {
			row := &rep.rows[ei][vi]
			name := rep.variants[vi].name + " " + e.name
			log.Printf("%s: round %d/%d, %s with %d threads and %d connections", name, round+1, cfg.rounds, cfg.duration, cfg.threads, cfg.conns)
			before := runtimeCPU(t)
			res, err := runWrk(ctx, cfg, cfg.duration, t.scripts[e.name], t.srv.Base+e.path)
			if err != nil {
				row.err = err
				return nil
			}
			if after := runtimeCPU(t); before >= 0 && after >= 0 && res.Requests > 0 {
				res.CPUPerReq = (after - before) / time.Duration(res.Requests)
			}
			log.Printf("%s: %s", name, res.summary())
			if !res.valid() {
				log.Printf("%s: invalid round\n%s", name, t.srv.LogTail())
			}
			row.rounds = append(row.rounds, res)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// prepare starts the variant on a fresh database, sets up the benchmark
// user, keys and tokens, and writes the wrk scripts. The caller closes the
// target, also when an error is returned with it.
func prepare(ctx context.Context, cfg *config, st *staged, v variant) (*target, error) {
	srv, err := startVariant(ctx, cfg, st, v, filepath.Join(cfg.state(), v.name), cfg.logLevel)
	if srv == nil {
		return nil, err
	}
	t := &target{srv: srv, scripts: map[string]string{}, signing: st.signing}
	if err != nil {
		return t, err
	}
	if err := srv.WaitReady(ctx, cfg.startTimeout); err != nil {
		return t, err
	}
	t.runtime = runtimePID(cfg, srv)
	if t.fx, err = newClient(srv.Base).setup(ctx, st.signing); err != nil {
		return t, fmt.Errorf("%w\n%s", err, srv.LogTail())
	}
	for _, name := range cfg.endpoints {
		e, _ := lookupEndpoint(name)
		path, err := writeScript(cfg, callFor(e, t.fx).luaScript())
		if err != nil {
			return t, err
		}
		t.scripts[name] = path
	}
	return t, nil
}

// runtimePID is the pid of the workerd that runs the worker: the server
// itself under -runtime direct, the second of wrangler dev's; 0 when
// unknown.
func runtimePID(cfg *config, srv *devserver.Server) int {
	if cfg.runtime == runtimeDirect {
		return srv.Cmd.Process.Pid
	}
	if _, pid, err := procstat.Workerd(srv.Cmd.Process.Pid); err == nil {
		return pid
	}
	return 0
}

// tokenRenewal is the age at which a variant's access token is replaced:
// it lives 15 minutes, and a run of many variants lasts longer.
const tokenRenewal = 5 * time.Minute

// renewTokens logs in again where a variant's access token is older than
// tokenRenewal, and rewrites the wrk scripts that carry it.
func renewTokens(ctx context.Context, cfg *config, rep *report, targets []*target) error {
	for vi, t := range targets {
		if t == nil || t.fx == nil || time.Since(t.fx.issued) < tokenRenewal {
			continue
		}
		token, err := newClient(t.srv.Base).login(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted: %w", ctx.Err())
			}
			log.Printf("%s: new access token: %v", rep.variants[vi].name, err)
			continue
		}
		if err := t.fx.newToken(token, t.signing); err != nil {
			return err
		}
		for name, old := range t.scripts {
			e, _ := lookupEndpoint(name)
			path, err := writeScript(cfg, callFor(e, t.fx).luaScript())
			if err != nil {
				return err
			}
			os.Remove(old)
			t.scripts[name] = path
		}
	}
	return nil
}

// runtimeCPU returns the CPU time the worker's own workerd has used, or
// -1 when it is not known.
func runtimeCPU(t *target) time.Duration {
	if t.runtime == 0 {
		return -1
	}
	d, err := procstat.CPU([]int{t.runtime})
	if err != nil {
		return -1
	}
	return d
}

// close stops the server and removes the scripts.
func (t *target) close() {
	t.srv.Stop()
	for _, path := range t.scripts {
		os.Remove(path)
	}
}

// write prints the report, saves it to cfg.out, and fails when a variant
// has no valid measurement of some endpoint.
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
	for _, rows := range r.rows {
		for _, row := range rows {
			if !row.valid() {
				return errors.New("at least one variant has no valid measurement")
			}
		}
	}
	return nil
}
