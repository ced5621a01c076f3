package devserver

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/worker/workerdconf"
)

// Direct says how to run one worker on workerd directly.
type Direct struct {
	Name      string
	WorkerDir string             // worker/, with node_modules
	Worker    workerdconf.Worker // its D1, if any, is filled in by StartDirect
	State     string             // a fresh directory for the configuration, D1 and log
	CPUs      string             // taskset -c list for workerd, "" for none
}

// DirectD1ID is the database_id of the direct runs' D1, as in
// worker/wrangler.jsonc.
const DirectD1ID = "00000000-0000-0000-0000-000000000000"

// StartDirect writes the workerd configuration of d under d.State, starts
// workerd on free loopback ports and, when the worker has a D1 binding,
// applies the migrations to its fresh database before returning. It does
// not wait for the worker itself: call WaitReady. The caller must call
// Stop, also when an error is returned with a server.
func StartDirect(ctx context.Context, d Direct) (*Server, error) {
	if err := os.MkdirAll(d.State, 0o755); err != nil {
		return nil, err
	}
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	cfg := workerdconf.Config{Address: "127.0.0.1:" + strconv.Itoa(port), ClientIP: "127.0.0.1", Worker: d.Worker}
	var admin string
	if d.Worker.D1 != nil {
		adminPort, err := FreePort()
		if err != nil {
			return nil, err
		}
		db := *d.Worker.D1
		db.Dir = filepath.Join(d.State, "v3", "d1") // where wrangler's --persist-to keeps it
		db.Scripts = filepath.Join(d.WorkerDir, "node_modules", "miniflare", "dist", "src", "workers")
		db.Admin = "127.0.0.1:" + strconv.Itoa(adminPort)
		if err := os.MkdirAll(db.Dir, 0o755); err != nil {
			return nil, err
		}
		cfg.Worker.D1, admin = &db, db.Admin
	}
	path := filepath.Join(d.State, "workerd.capnp")
	var text strings.Builder
	if err := cfg.Write(&text, d.State); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, []byte(text.String()), 0o644); err != nil {
		return nil, err
	}
	s, err := StartWorkerd(ctx, WorkerdOptions{Name: d.Name, Workerd: WorkerdBinary(d.WorkerDir), Config: path,
		Base: "http://" + cfg.Address, LogPath: filepath.Join(d.State, "workerd.log"), CPUs: d.CPUs})
	if err != nil || admin == "" {
		return s, err
	}
	if err := s.waitListening(ctx, admin, time.Minute); err != nil {
		return s, err
	}
	if err := MigrateD1(ctx, "http://"+admin, cfg.Worker.D1.ID); err != nil {
		return s, fmt.Errorf("%s: %w\n%s", d.Name, err, s.LogTail())
	}
	return s, nil
}

// waitListening waits until addr accepts TCP connections.
func (s *Server) waitListening(ctx context.Context, addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
			c.Close()
			return nil
		}
		if err := s.pause(ctx, 50*time.Millisecond); err != nil {
			return err
		}
	}
	return fmt.Errorf("%s: nothing listens on %s after %s\n%s", s.Name, addr, timeout, s.LogTail())
}

// Modules lists the modules of a worker bundle in dir for workerd: main
// first, then every other *.mjs and *.js as an ES module and every *.wasm
// as a compiled WebAssembly module, as worker/wrangler.jsonc's rules
// load them.
func Modules(dir, main string) ([]workerdconf.Module, error) {
	mods := []workerdconf.Module{{Name: main, Path: filepath.Join(dir, main)}}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || name == main {
			continue
		}
		switch filepath.Ext(name) {
		case ".mjs", ".js":
			mods = append(mods, workerdconf.Module{Name: name, Path: filepath.Join(dir, name)})
		case ".wasm":
			mods = append(mods, workerdconf.Module{Name: name, Path: filepath.Join(dir, name), Kind: workerdconf.CompiledWasm})
		}
	}
	return mods, nil
}

// GoWorker describes the project's worker for StartDirect: the bundle in
// dir (worker/build: worker.mjs, its glue, wasm_exec.js, app.wasm), the
// compatibility date and vars of worker/wrangler.jsonc, the secrets of
// worker/.dev.vars, the D1 binding DB, and assets, when not "", as the
// ASSETS binding.
func GoWorker(workerDir, dir, assets string) (workerdconf.Worker, error) {
	b, err := os.ReadFile(filepath.Join(workerDir, "wrangler.jsonc"))
	if err != nil {
		return workerdconf.Worker{}, err
	}
	w, err := workerdconf.ParseWrangler(b)
	if err != nil {
		return workerdconf.Worker{}, err
	}
	secrets, err := os.ReadFile(filepath.Join(workerDir, ".dev.vars"))
	if err != nil {
		return workerdconf.Worker{}, fmt.Errorf("%w; run `make worker/.dev.vars`", err)
	}
	vars, err := workerdconf.ParseDotenv(string(secrets))
	if err != nil {
		return workerdconf.Worker{}, err
	}
	for k, v := range w.Vars {
		if _, ok := vars[k]; !ok { // .dev.vars overrides, as in wrangler dev
			vars[k] = v
		}
	}
	mods, err := Modules(dir, "worker.mjs")
	if err != nil {
		return workerdconf.Worker{}, err
	}
	return workerdconf.Worker{CompatibilityDate: w.CompatibilityDate, Modules: mods, Vars: vars, Assets: assets,
		D1: &workerdconf.D1{Binding: "DB", ID: DirectD1ID}}, nil
}
