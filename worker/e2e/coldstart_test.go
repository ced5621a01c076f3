//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/worker/budget"
	"github.com/authlab/authlab/worker/procstat"
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
		t.Logf("cold start %d: first response %s, workerd CPU %s, %s; next response %s", i+1, cs.wall, cs.cpu, cs.timing, cs.warm)
		wall, cpu = append(wall, cs.wall), append(cpu, cs.cpu)
	}
	w, c := median(wall), median(cpu)
	t.Logf("median of %d: first response %s (budget %s), workerd CPU %s (budget %s)", coldRuns, w, budget.ColdStartWall, c, budget.ColdStartCPU)
	if w > budget.ColdStartWall {
		t.Errorf("the first response after a cold start took %s (median of %d), over the budget of %s", w, coldRuns, budget.ColdStartWall)
	}
	if c >= 0 && c > budget.ColdStartCPU {
		t.Errorf("the first response after a cold start cost workerd %s of CPU (median of %d), over the budget of %s", c, coldRuns, budget.ColdStartCPU)
	}
}

// coldFigures is one cold start: the first response's wall-clock time, the
// CPU time workerd spent on it (-1 when /proc is unavailable), the
// Server-Timing the glue reports for the Go instance's start, and the
// next response's time.
type coldFigures struct {
	wall, cpu, warm time.Duration
	timing          string
}

func coldStart(t *testing.T) (*coldFigures, error) {
	state := t.TempDir()
	logPath := filepath.Join(state, "wrangler.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dev := wrangler(ctx, logFile, "dev", "--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--persist-to", state, "--show-interactive-dev-session=false", "--inspector-port", "0",
		"--log-level", "info", "--var", "SERVER_TIMING:1")
	if err := dev.Start(); err != nil {
		return nil, err
	}
	defer func() {
		cancel()
		dev.Wait()
	}()
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	if err := waitReady(ctx, logPath, addr, 90*time.Second); err != nil {
		b, _ := os.ReadFile(logPath)
		return nil, fmt.Errorf("%w; log:\n%s", err, tail(string(b), 4000))
	}
	pids, _, _ := procstat.Workerd(dev.Process.Pid)
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (time.Duration, http.Header, error) {
		start := time.Now()
		res, err := c.Get("http://" + addr + "/api/health")
		if err != nil {
			return 0, nil, err
		}
		res.Body.Close()
		d := time.Since(start)
		if res.StatusCode != http.StatusOK {
			return 0, nil, fmt.Errorf("GET /api/health: %s", res.Status)
		}
		return d, res.Header, nil
	}
	before, errBefore := procstat.CPU(pids)
	wall, h, err := get()
	if err != nil {
		return nil, err
	}
	after, errAfter := procstat.CPU(pids)
	cs := &coldFigures{wall: wall, cpu: -1, timing: h.Get("Server-Timing")}
	if len(pids) > 0 && errBefore == nil && errAfter == nil {
		cs.cpu = after - before
	}
	if cs.warm, _, err = get(); err != nil {
		return nil, err
	}
	return cs, nil
}

// waitReady waits until wrangler has logged "Ready on" and addr accepts
// connections, without sending a request.
func waitReady(ctx context.Context, logPath, addr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(logPath); strings.Contains(string(b), "Ready on") {
			if conn, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				conn.Close()
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("wrangler dev was not ready in %s", timeout)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
