package main

import (
	"context"
	"fmt"
	"log"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/worker/devserver"
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

// coldRun starts the variant once more, on its own: a wrangler dev at log
// level info, whose "Ready on" line tells when the worker is loaded, or a
// workerd, which has loaded it once it listens; and it measures its first
// responses.
func coldRun(ctx context.Context, cfg *config, st *staged, v variant) (*coldStart, error) {
	srv, err := startVariant(ctx, cfg, st, v, filepath.Join(cfg.state(), v.name+"-cold"), "info")
	if srv != nil {
		defer srv.Stop()
	}
	if err != nil {
		return nil, err
	}
	m, err := srv.MeasureColdStart(ctx, warmSamples)
	if err != nil {
		return nil, fmt.Errorf("%w\n%s", err, srv.LogTail())
	}
	if m.CPU < 0 {
		log.Printf("%s: cold start: no CPU time", v.name)
		m.CPU = 0
	}
	return &coldStart{runs: 1, first: m.First, warm: m.Warm, cpu: m.CPU, timing: m.Timing}, nil
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
	out.first, out.warm, out.cpu = devserver.Median(first), devserver.Median(warm), devserver.Median(cpu)
	for name, v := range timings {
		out.timing[name] = devserver.Median(v)
	}
	return out
}

const warmSamples = 20

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
	return devserver.Median(runs)
}
