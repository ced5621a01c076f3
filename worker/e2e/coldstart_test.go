//go:build e2e

package e2e_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/authlab/authlab/worker/budget"
	"github.com/authlab/authlab/worker/devserver"
)

// coldRuns is how many fresh wrangler dev processes TestColdStartBudget
// starts; it compares the median of their figures with the budget.
const coldRuns = 3

// TestColdStartBudget holds the worker's cold start to the budget in
// worker/budget. Each run starts its own wrangler dev on an empty state and
// waits until workerd has loaded the worker (wrangler logs "Ready on"), so
// that the first request is the one that starts the Go instance in the
// glue. It times that request's response, and counts the CPU time that
// workerd spent meanwhile (utime+stime of every workerd process, from
// /proc): the wasm instance, the Go program's start and the request. The
// CPU figure is the one that catches a regression on a busy machine, where
// the wall clock also measures the other processes.
func TestColdStartBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("starts wrangler dev three times")
	}
	var wall, cpu []time.Duration
	for i := range coldRuns {
		cs, err := coldStart(t)
		if err != nil {
			t.Fatalf("cold start %d: %v", i+1, err)
		}
		t.Logf("cold start %d: first response %s, workerd CPU %s, Server-Timing %v; next response %s", i+1, cs.First, cs.CPU, cs.Timing, cs.Warm)
		wall, cpu = append(wall, cs.First), append(cpu, cs.CPU)
	}
	w, c := devserver.Median(wall), devserver.Median(cpu)
	t.Logf("median of %d: first response %s (budget %s), workerd CPU %s (budget %s)", coldRuns, w, budget.ColdStartWall, c, budget.ColdStartCPU)
	if w > budget.ColdStartWall {
		t.Errorf("the first response after a cold start took %s (median of %d), over the budget of %s", w, coldRuns, budget.ColdStartWall)
	}
	if c >= 0 && c > budget.ColdStartCPU {
		t.Errorf("the first response after a cold start cost workerd %s of CPU (median of %d), over the budget of %s", c, coldRuns, budget.ColdStartCPU)
	}
}

// coldStart starts its own wrangler dev on an empty state, waits until
// workerd has loaded the worker, and measures the first response.
func coldStart(t *testing.T) (*devserver.ColdStart, error) {
	state := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := devserver.Start(ctx, devserver.Options{Name: "cold start", WorkerDir: workerDir(), State: state,
		LogPath: filepath.Join(state, "wrangler.log"), LogLevel: "info", Vars: []string{"SERVER_TIMING:1"}})
	if err != nil {
		return nil, err
	}
	defer srv.Stop()
	if err := srv.WaitLogReady(ctx, 90*time.Second); err != nil {
		return nil, err
	}
	return srv.MeasureColdStart(ctx, 1)
}
