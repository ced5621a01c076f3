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
		"| data | go-glue | 750.0 | 1.00 ms | 3.00 ms | 10 | 0 | 1.50× | 0.75× | 1.00 ms | 0.50× |",
		"| data | go-glue | 3.00 ms | 30% | 1.50× | 5.00 ms | 2.00 ms |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no line %q in\n%s", want, md)
		}
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
