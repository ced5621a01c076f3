package main

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"
)

// cpuResult is one variant's CPU time per request on one endpoint, measured
// over sequential requests at concurrency 1.
type cpuResult struct {
	requests  int
	perReq    time.Duration // utime+stime of all workerd processes over the run, per request
	perReqRun time.Duration // the same for the worker's own workerd only; 0 when unknown
	p50       time.Duration // wall-clock latency seen by the client
	procs     int           // workerd processes counted
	err       error
}

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
			if res.err != nil {
				log.Printf("%s: CPU measurement: %v", name, res.err)
			} else {
				log.Printf("%s: %s CPU per request over %d sequential requests (%d workerd processes; the worker's own %s), p50 %s",
					name, ms(res.perReq), res.requests, res.procs, ms(res.perReqRun), ms(res.p50))
			}
			rep.cpu[ei][vi] = res
		}
	}
	return nil
}

func measureCPUOne(ctx context.Context, cfg *config, t *target, e endpoint) *cpuResult {
	res := &cpuResult{}
	pids, runtimePID, err := workerdPIDs(t.srv.cmd.Process.Pid)
	if err != nil {
		res.err = err
		return res
	}
	res.procs = len(pids)
	c := &client{base: t.srv.base, http: &http.Client{Timeout: 30 * time.Second}}
	call := callFor(e, t.fx)
	send := func(i int) (time.Duration, error) {
		start := time.Now()
		resp, body, err := c.send(ctx, call, i)
		d := time.Since(start)
		if err != nil {
			return 0, err
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return 0, fmt.Errorf("%s: %d %s", e.title(), resp.StatusCode, body)
		}
		return d, nil
	}
	for i := range cpuWarmup {
		if _, err := send(i); err != nil {
			res.err = err
			return res
		}
	}
	before, err := cpuTime(pids)
	if err != nil {
		res.err = err
		return res
	}
	var beforeRun time.Duration
	if runtimePID != 0 {
		beforeRun, _ = cpuTime([]int{runtimePID})
	}
	lat := make([]time.Duration, 0, cfg.cpuRequests)
	for i := range cfg.cpuRequests {
		d, err := send(i)
		if err != nil {
			res.err = err
			return res
		}
		lat = append(lat, d)
	}
	after, err := cpuTime(pids)
	if err != nil {
		res.err = err
		return res
	}
	res.requests = len(lat)
	res.perReq = (after - before) / time.Duration(len(lat))
	if runtimePID != 0 {
		if afterRun, err := cpuTime([]int{runtimePID}); err == nil {
			res.perReqRun = (afterRun - beforeRun) / time.Duration(len(lat))
		}
	}
	res.p50 = median(lat)
	return res
}
