package main

import (
	"strings"
	"testing"
	"time"
)

func TestRowResult(t *testing.T) {
	ok := func(rps float64, p99 time.Duration) *wrkResult {
		return &wrkResult{Requests: 100, ReqPerSec: rps, P50: p99 / 2, P99: p99}
	}
	r := row{rounds: []*wrkResult{ok(300, 90*time.Millisecond), ok(100, 30*time.Millisecond), ok(200, 60*time.Millisecond)}}
	got := r.result()
	if got.ReqPerSec != 200 || got.P99 != 60*time.Millisecond || got.P50 != 30*time.Millisecond || got.Requests != 300 {
		t.Errorf("result() = %+v, want medians 200 req/s, p50 30ms, p99 60ms and 300 requests", got)
	}
	if !r.valid() {
		t.Error("three clean rounds are not valid")
	}
	r.rounds[1].Non2xx = 1
	if r.valid() {
		t.Error("a round with a non-2xx response is valid")
	}
}

func TestReportInvalidNotQuoted(t *testing.T) {
	hono, _ := lookupVariant("hono")
	glue, _ := lookupVariant("go-glue")
	protected, _ := lookupEndpoint("protected")
	rep := report{cfg: &config{threads: 2, conns: 16, duration: 10 * time.Second, rounds: 1},
		variants: []variant{glue, hono}, endpoints: []endpoint{protected}}
	rep.init()
	rep.rows[0][0].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 1234.5, P50: time.Millisecond, P99: 2 * time.Millisecond, SocketErrors: 3}}
	rep.rows[0][1].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 500, P50: time.Millisecond, P99: 4 * time.Millisecond}}
	md := rep.markdown()
	if strings.Contains(md, "1234") {
		t.Errorf("the invalid run's req/s is quoted:\n%s", md)
	}
	if !strings.Contains(md, "| protected | go-glue | invalid |") || !strings.Contains(md, "| protected | hono | 500.0 |") {
		t.Errorf("unexpected table:\n%s", md)
	}
}

func TestReportRatios(t *testing.T) {
	hono, _ := lookupVariant("hono")
	glue, _ := lookupVariant("go-glue")
	data, _ := lookupEndpoint("data")
	rep := report{cfg: &config{threads: 2, conns: 16, duration: 10 * time.Second, rounds: 1, cpuRequests: 100},
		variants: []variant{glue, hono}, endpoints: []endpoint{data}}
	rep.init()
	rep.rows[0][0].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 750, P50: time.Millisecond, P99: 3 * time.Millisecond, CPUPerReq: time.Millisecond}}
	rep.rows[0][1].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 500, P50: time.Millisecond, P99: 4 * time.Millisecond, CPUPerReq: 2 * time.Millisecond}}
	rep.cpu[0][0] = &cpuResult{requests: 100, perReq: 5 * time.Millisecond, perReqRun: 3 * time.Millisecond, p50: 2 * time.Millisecond}
	rep.cpu[0][1] = &cpuResult{requests: 100, perReq: 4 * time.Millisecond, perReqRun: 2 * time.Millisecond, p50: 2 * time.Millisecond}
	md := rep.markdown()
	for _, want := range []string{
		"| data | go-glue | 750.0 | 1.00 ms | 3.00 ms | 10 | 0 | 1.50× | 0.75× | 1.00 ms | 0.50× | – |",
		"| data | go-glue | 3.00 ms | – | – | 30% | 1.50× | 5.00 ms | 2.00 ms |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no line %q in\n%s", want, md)
		}
	}
}

// TestReportResolution has paired rounds and a floor: the req/s ratio
// comes with its interval, CPU comes net of the floor, and a floor under
// 3× the fastest worker is called out.
func TestReportResolution(t *testing.T) {
	hono, _ := lookupVariant("hono")
	glue, _ := lookupVariant("go-glue")
	fl, _ := lookupVariant(floor)
	protected, _ := lookupEndpoint("protected")
	rep := report{cfg: &config{threads: 2, conns: 16, duration: 10 * time.Second, rounds: 2, cpuRequests: 100},
		variants: []variant{glue, hono, fl}, endpoints: []endpoint{protected}}
	rep.init()
	round := func(rps float64, cpu time.Duration) *wrkResult {
		return &wrkResult{Requests: 100, ReqPerSec: rps, P50: time.Millisecond, P99: 2 * time.Millisecond, CPUPerReq: cpu}
	}
	ms := time.Millisecond
	rep.rows[0][0].rounds = []*wrkResult{round(1000, 3*ms), round(2000, 3*ms)}
	rep.rows[0][1].rounds = []*wrkResult{round(500, 2*ms), round(1000, 2*ms)}
	rep.rows[0][2].rounds = []*wrkResult{round(4000, ms), round(5000, ms)}
	rep.cpu[0][0] = &cpuResult{requests: 100, perReq: 4 * ms, perReqRun: 4 * ms}
	rep.cpu[0][1] = &cpuResult{requests: 100, perReq: 3 * ms, perReqRun: 3 * ms}
	rep.cpu[0][2] = &cpuResult{requests: 100, perReq: ms, perReqRun: ms}
	md := rep.markdown()
	for _, want := range []string{
		// 2× in both rounds: no spread, so the interval is the point.
		"| 2.00× [2.00, 2.00] | 1.00× | 3.00 ms | 1.50× | 2.00 ms |",
		"| protected | go-glue | 4.00 ms | 3.00 ms | 1.50× |",
		"| protected | hono | 3.00 ms | 2.00 ms | – |",
		// Floor over the best worker: 4×, then 2.5×; geometric mean 3.16×.
		"the floor reached 3.16× [",
		"| protected | floor, 3.16× the fastest | 4500.0 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
	rep.rows[0][2].rounds = []*wrkResult{round(2000, ms), round(4000, ms)}
	if md := rep.markdown(); !strings.Contains(md, "the floor reached only 2.00× [2.00, 2.00] the fastest worker's req/s, under the 3× needed") ||
		!strings.Contains(md, "| protected | floor, **2.00× the fastest, under 3×** | 3000.0 |") {
		t.Errorf("a floor at 2× is not called out:\n%s", md)
	}
}

// TestFloorMarginLeavesOutTheGoFloor: the Go floor, faster than both
// workers, is a floor too, so the margin is over the fastest of Authlab
// and Hono.
func TestFloorMarginLeavesOutTheGoFloor(t *testing.T) {
	glue, _ := lookupVariant("go-glue")
	hono, _ := lookupVariant("hono")
	fl, _ := lookupVariant(floor)
	gf, _ := lookupVariant(goFloor)
	protected, _ := lookupEndpoint("protected")
	rep := report{cfg: &config{rounds: 2}, variants: []variant{glue, hono, gf, fl}, endpoints: []endpoint{protected}}
	rep.init()
	for vi, rps := range [][]float64{{1000, 2000}, {1500, 1000}, {3000, 3000}, {6000, 6000}} {
		for _, x := range rps {
			rep.rows[0][vi].rounds = append(rep.rows[0][vi].rounds, &wrkResult{Requests: 10, ReqPerSec: x})
		}
	}
	m, ok := rep.floorMargin(0)
	// 6000/1500 and 6000/2000: geometric mean √12 = 3.46×, not 2× (the Go floor's).
	if !ok || m.Ratio < 3.46 || m.Ratio > 3.47 {
		t.Fatalf("floor margin = %v, %v; want 3.46× over Authlab and Hono", m, ok)
	}
}

func TestRowAhead(t *testing.T) {
	round := func(rps float64, p99 time.Duration) *wrkResult {
		return &wrkResult{Requests: 100, ReqPerSec: rps, P99: p99}
	}
	ms := time.Millisecond
	glue := row{rounds: []*wrkResult{round(110, 50*ms), round(90, 40*ms), round(100, 70*ms)}}
	hono := row{rounds: []*wrkResult{round(100, 60*ms), round(95, 40*ms), round(100, 60*ms), round(100, 60*ms)}}
	faster, tighter, n := glue.ahead(&hono)
	if faster != 1 || tighter != 2 || n != 3 {
		t.Errorf("ahead() = %d faster, %d tighter of %d; want 1 (a tie is not faster), 2 (a tie is no higher) of 3", faster, tighter, n)
	}
	rps, p99 := glue.perRound()
	if rps != "110, 90, 100" || p99 != "50, 40, 70" {
		t.Errorf("perRound() = %q, %q", rps, p99)
	}
}
