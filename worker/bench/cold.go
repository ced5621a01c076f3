package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/worker/procstat"
)

// coldStart is what the first requests to a fresh wrangler dev took. The
// isolate has loaded the worker's modules (and compiled app.wasm) by the
// time wrangler reports ready; the first request then starts the Go
// instance in the project's glue, or a new one per request in syumai's.
// Over several runs, each figure is the median of the runs.
type coldStart struct {
	runs   int
	first  time.Duration      // the first GET /api/health
	warm   time.Duration      // median of the next warmSamples
	timing map[string]float64 // the first response's Server-Timing, in ms
	// cpu is the CPU time (utime+stime) that the variant's workerd
	// processes spent while the first request was served, or 0 when
	// unknown: unlike first, it hardly depends on what else the machine
	// runs. worker/e2e/coldstart_test.go holds it to a budget.
	cpu time.Duration
}

// measureColdStarts starts every variant cfg.coldRuns times on its own,
// on an empty database, and times its first responses.
func measureColdStarts(ctx context.Context, cfg *config, st *staged, rep *report) error {
	for vi, v := range rep.variants {
		var runs []*coldStart
		for i := range cfg.coldRuns {
			cs, err := coldRun(ctx, cfg, st, v)
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted: %w", ctx.Err())
			}
			if err != nil {
				log.Printf("%s: cold start %d: %v", v.name, i+1, err)
				continue
			}
			log.Printf("%s: cold start %d: %s", v.name, i+1, cs.summary())
			runs = append(runs, cs)
		}
		rep.cold[vi] = mergeColdStarts(runs)
	}
	return nil
}

// coldRun starts one wrangler dev at log level info, whose "Ready on" line
// tells when the worker is loaded, and measures its first responses.
func coldRun(ctx context.Context, cfg *config, st *staged, v variant) (*coldStart, error) {
	state := filepath.Join(cfg.state(), v.name+"-cold")
	if err := os.RemoveAll(state); err != nil {
		return nil, err
	}
	srv, err := startWrangler(ctx, cfg, v.name+" (cold)", st.configs[v.name], state, "info")
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	if err := srv.waitLogReady(ctx, cfg.startTimeout); err != nil {
		return nil, err
	}
	pids, _, err := procstat.Workerd(srv.cmd.Process.Pid)
	if err != nil {
		log.Printf("%s: cold start: no CPU time: %v", v.name, err)
	}
	cs, err := measureColdStart(ctx, srv.base, pids)
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, srv.logTail())
	}
	return cs, nil
}

// mergeColdStarts takes the median of every figure over runs, or nil.
func mergeColdStarts(runs []*coldStart) *coldStart {
	if len(runs) == 0 {
		return nil
	}
	out := &coldStart{runs: len(runs), timing: map[string]float64{}}
	var first, warm, cpu []time.Duration
	timings := map[string][]float64{}
	for _, r := range runs {
		first, warm, cpu = append(first, r.first), append(warm, r.warm), append(cpu, r.cpu)
		for name, v := range r.timing {
			timings[name] = append(timings[name], v)
		}
	}
	out.first, out.warm, out.cpu = median(first), median(warm), median(cpu)
	for name, v := range timings {
		out.timing[name] = median(v)
	}
	return out
}

const warmSamples = 20

// measureColdStart times the first GET /api/health of a fresh server, and
// the CPU time of its workerd processes pids meanwhile, and then the median
// of the following ones. Every request opens its own connection, so that
// all of them pay the same connection set-up.
func measureColdStart(ctx context.Context, base string, pids []int) (*coldStart, error) {
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (time.Duration, http.Header, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/health", nil)
		if err != nil {
			return 0, nil, err
		}
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return 0, nil, err
		}
		resp.Body.Close()
		d := time.Since(start)
		if resp.StatusCode != http.StatusOK {
			return 0, nil, fmt.Errorf("GET /api/health: %s", resp.Status)
		}
		return d, resp.Header, nil
	}
	before, errBefore := procstat.CPU(pids)
	first, h, err := get()
	if err != nil {
		return nil, err
	}
	cs := &coldStart{runs: 1, first: first, timing: parseServerTiming(h.Get("Server-Timing"))}
	if after, err := procstat.CPU(pids); len(pids) > 0 && errBefore == nil && err == nil {
		cs.cpu = after - before
	}
	var warm []time.Duration
	for range warmSamples {
		d, _, err := get()
		if err != nil {
			return nil, err
		}
		warm = append(warm, d)
	}
	cs.warm = median(warm)
	return cs, nil
}

// summary is one line for logs.
func (c *coldStart) summary() string {
	s := fmt.Sprintf("first response %s, then %s (median)", ms(c.first), ms(c.warm))
	if c.cpu > 0 {
		s += fmt.Sprintf(", workerd CPU %s for the first", ms(c.cpu))
	}
	for _, name := range []string{"wasm-instantiate", "go-start"} {
		if v, ok := c.timing[name]; ok {
			s += fmt.Sprintf(", %s %.1f ms", name, v)
		}
	}
	return s
}

// parseServerTiming reads "name;dur=1.5, other;dur=2" into milliseconds
// by name (W3C Server Timing).
func parseServerTiming(v string) map[string]float64 {
	out := map[string]float64{}
	for _, metric := range strings.Split(v, ",") {
		parts := strings.Split(strings.TrimSpace(metric), ";")
		for _, p := range parts[1:] {
			if d, ok := strings.CutPrefix(strings.TrimSpace(p), "dur="); ok {
				if f, err := strconv.ParseFloat(d, 64); err == nil && parts[0] != "" {
					out[parts[0]] = f
				}
			}
		}
	}
	return out
}

// compileRuns is how many separate node processes compile app.wasm, so
// that no compilation cache is shared between them.
const compileRuns = 3

// compileTime returns the median time that the pinned node (V8, like
// workerd) takes for new WebAssembly.Module over app.wasm, or 0 when it
// cannot be measured.
func compileTime(ctx context.Context, cfg *config, wasm string) time.Duration {
	const script = `const b = require("fs").readFileSync(process.argv[1]);
const t0 = performance.now(); new WebAssembly.Module(b); console.log(performance.now() - t0);`
	var runs []time.Duration
	for range compileRuns {
		cmd := exec.CommandContext(ctx, "npm", "exec", "--no", "--", "node", "-e", script, wasm)
		cmd.Dir = cfg.worker()
		out, err := cmd.Output()
		if err != nil {
			return 0
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if err != nil {
			return 0
		}
		runs = append(runs, time.Duration(f*float64(time.Millisecond)))
	}
	return median(runs)
}
