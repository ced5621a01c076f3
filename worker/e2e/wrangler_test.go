//go:build e2e

// Package e2e_test runs the built worker under a real `wrangler dev` (workerd
// with a local D1) and drives it over HTTP and from headless chromium.
// `make test` builds the worker and the site before running it.
package e2e_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/authlab/authlab/worker/devserver"
)

// baseURL is the origin of the wrangler dev started by TestMain.
var baseURL string

// allowedOrigin is the one cross-origin site the worker is configured to
// allow, standing for a separately hosted copy of the pages.
const allowedOrigin = "https://pages.example"

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	stop, err := startWrangler()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stop()
	if err := checkExchanges(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	code := m.Run()
	if stray := strayDisagreements(); len(stray) > 0 {
		fmt.Fprintf(os.Stderr, "e2e: %d exchanges that no test reported disagree with /openapi.json:\n", len(stray))
		for _, s := range stray {
			fmt.Fprintln(os.Stderr, " ", s)
		}
		code = 1
	}
	return code
}

// workerDir is the worker folder, holding wrangler.jsonc and node_modules.
func workerDir() string {
	wd, _ := os.Getwd()
	return filepath.Dir(wd)
}

// startWrangler migrates a fresh local D1 in a temporary folder and starts
// wrangler dev on a free loopback port. stop ends it and removes the
// folder.
func startWrangler() (stop func(), err error) {
	state, err := os.MkdirTemp("", "authlab-e2e-")
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	cleanup := func() { cancel(); os.RemoveAll(state) }
	if err := devserver.Migrate(ctx, workerDir(), "", state); err != nil {
		cleanup()
		return nil, err
	}
	srv, err := devserver.Start(ctx, devserver.Options{Name: "e2e", WorkerDir: workerDir(), State: state,
		LogPath: filepath.Join(state, "wrangler.log"), Vars: []string{"CORS_ORIGINS:" + allowedOrigin}})
	if err != nil {
		cleanup()
		return nil, err
	}
	stop = func() { srv.Stop(); cleanup() }
	baseURL = srv.Base
	if err := srv.WaitReady(ctx, 90*time.Second); err != nil {
		stop()
		return nil, err
	}
	return stop, nil
}
