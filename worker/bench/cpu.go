package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/authlab/authlab/worker/devserver"
	"github.com/authlab/authlab/worker/procstat"
)

// cpuResult is one variant's CPU time per request on one endpoint, measured
// over sequential requests at concurrency 1.
type cpuResult struct {
	requests  int
	perReq    time.Duration // utime+stime of all workerd processes over the run, per request
	perReqRun time.Duration // the same for the worker's own workerd only; 0 when unknown
	p50       time.Duration // wall-clock latency seen by the client
	procs     int           // workerd processes counted
	// noop is perReqRun for a no-op request to the same variant: GET of a
	// path that no variant routes, answered 404 by the worker. It is what
	// workerd spends on any request (HTTP, dispatch into the isolate, the
	// worker's own routing); 0 when unknown.
	noop time.Duration
	err  error
}

// own is the worker's own CPU per request as far as it can be told apart
// locally: perReqRun less the no-op request's. It comes closer to what the
// runtime accounts to the worker than perReqRun, which includes workerd's
// HTTP handling; it still includes the local D1's work (SQLite runs in the
// same workerd), and it leaves out the few instructions of the worker's
// routing that the no-op request shares. 0 when unknown.
func (r *cpuResult) own() time.Duration {
	if r.perReqRun == 0 || r.noop == 0 || r.noop > r.perReqRun {
		return 0
	}
	return r.perReqRun - r.noop
}

// noopPath is routed by no variant.
const noopPath = "/api/bench-no-op"

// freePlanCPU is the Workers Free plan's CPU limit per request.
const freePlanCPU = 10 * time.Millisecond

// cpuWarmup requests precede every CPU measurement, unmeasured.
const cpuWarmup = 10

// measureCPU sends cfg.cpuRequests sequential requests per endpoint and
// variant, and divides the CPU time that the variant's workerd processes
// used meanwhile by their count: all of them, and the worker's own runtime
// alone. Both are upper bounds of what the runtime accounts to the worker:
// they include workerd's HTTP handling and the local D1 (SQLite), and the
// first also wrangler's proxy, alike for every variant.
func measureCPU(ctx context.Context, cfg *config, rep *report, targets []*target) error {
	noop := make([]time.Duration, len(targets))
	for vi, t := range targets {
		if t == nil {
			continue
		}
		res := measureCPURequests(ctx, cfg, t, func(c *client, _ int) (int, []byte, error) {
			return c.do(ctx, http.MethodGet, noopPath, nil, "")
		}, http.StatusNotFound)
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted: %w", ctx.Err())
		}
		if res.err != nil {
			log.Printf("%s: CPU of a no-op request: %v", rep.variants[vi].name, res.err)
			continue
		}
		noop[vi] = res.perReqRun
		log.Printf("%s: %s CPU per no-op request (GET %s) in the worker's own workerd", rep.variants[vi].name, ms(res.perReqRun), noopPath)
	}
	for ei, e := range rep.endpoints {
		for vi, t := range targets {
			if t == nil {
				continue
			}
			name := rep.variants[vi].name + " " + e.name
			res := measureCPUOne(ctx, cfg, t, e)
			if ctx.Err() != nil {
				return fmt.Errorf("interrupted: %w", ctx.Err())
			}
			res.noop = noop[vi]
			if res.err != nil {
				log.Printf("%s: CPU measurement: %v", name, res.err)
			} else {
				log.Printf("%s: %s CPU per request over %d sequential requests (%d workerd processes; the worker's own %s, %s net of a no-op request), p50 %s",
					name, ms(res.perReq), res.requests, res.procs, ms(res.perReqRun), ms(res.own()), ms(res.p50))
			}
			rep.cpu[ei][vi] = res
		}
	}
	return nil
}

func measureCPUOne(ctx context.Context, cfg *config, t *target, e endpoint) *cpuResult {
	call := callFor(e, t.fx)
	res := measureCPURequests(ctx, cfg, t, func(c *client, i int) (int, []byte, error) {
		resp, body, err := c.send(ctx, call, i)
		if err != nil {
			return 0, nil, err
		}
		return resp.StatusCode, body, nil
	}, 0)
	if res.err != nil {
		res.err = fmt.Errorf("%s: %w", e.title(), res.err)
	}
	return res
}

// measureCPURequests sends cpuWarmup and then cfg.cpuRequests sequential
// requests with send, and measures the CPU time of t's workerd processes
// meanwhile. Each answer must have status want, or any 2xx when want is 0.
func measureCPURequests(ctx context.Context, cfg *config, t *target, send func(c *client, i int) (int, []byte, error), want int) *cpuResult {
	res := &cpuResult{}
	pids, runtimePID, err := procstat.Workerd(t.srv.Cmd.Process.Pid)
	if err != nil {
		res.err = err
		return res
	}
	if t.runtime != 0 {
		runtimePID = t.runtime
	}
	res.procs = len(pids)
	c := &client{base: t.srv.Base, http: &http.Client{Timeout: 30 * time.Second}}
	timed := func(i int) (time.Duration, error) {
		start := time.Now()
		status, body, err := send(c, i)
		d := time.Since(start)
		if err != nil {
			return 0, err
		}
		if (want == 0 && (status < 200 || status > 299)) || (want != 0 && status != want) {
			return 0, fmt.Errorf("%d %s", status, body)
		}
		return d, nil
	}
	for i := range cpuWarmup {
		if _, err := timed(i); err != nil {
			res.err = err
			return res
		}
	}
	before, err := procstat.CPU(pids)
	if err != nil {
		res.err = err
		return res
	}
	var beforeRun time.Duration
	if runtimePID != 0 {
		beforeRun, _ = procstat.CPU([]int{runtimePID})
	}
	lat := make([]time.Duration, 0, cfg.cpuRequests)
	for i := range cfg.cpuRequests {
		d, err := timed(i)
		if err != nil {
			res.err = err
			return res
		}
		lat = append(lat, d)
	}
	after, err := procstat.CPU(pids)
	if err != nil {
		res.err = err
		return res
	}
	res.requests = len(lat)
	res.perReq = (after - before) / time.Duration(len(lat))
	if runtimePID != 0 {
		if afterRun, err := procstat.CPU([]int{runtimePID}); err == nil {
			res.perReqRun = (afterRun - beforeRun) / time.Duration(len(lat))
		}
	}
	res.p50 = devserver.Median(lat)
	return res
}
