package main

import (
	"strings"
	"testing"
	"time"
)

func TestResultsSection(t *testing.T) {
	hono, _ := lookupVariant("hono")
	glue, _ := lookupVariant("go-glue")
	old := variant{name: "go-glue@abc1234", rev: "abc1234", subject: "d1: one batch"}
	proj, err := parseProject([]byte(`{"compatibility_date":"2026-11-01","vars":{"PBKDF2_ITERATIONS":"100000"}}`))
	if err != nil {
		t.Fatal(err)
	}
	rep := report{cfg: &config{root: "../..", threads: 2, conns: 16, duration: 8 * time.Second, rounds: 5, readme: true},
		project: proj, variants: []variant{old, glue, hono}, endpoints: endpoints}
	rep.init()
	for ei := range endpoints {
		rep.rows[ei][0].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 400, P50: time.Millisecond, P99: 4 * time.Millisecond, CPUPerReq: 2 * time.Millisecond}}
		rep.rows[ei][1].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 600, P50: time.Millisecond, P99: 3 * time.Millisecond, CPUPerReq: time.Millisecond}}
		rep.rows[ei][2].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 500, P50: 2 * time.Millisecond, P99: 4 * time.Millisecond, CPUPerReq: 2 * time.Millisecond}}
	}
	if why := rep.partial(); why != "" {
		t.Fatalf("partial: %s", why)
	}
	md := rep.resultsSection()
	for _, want := range []string{
		"PBKDF2-SHA256 at 100,000 iterations",
		"| `GET /api/protected` (ES256 verify, one token) | 1.20× | 0.50× | 0.75× | 1/1 · 1/1 | 1.0 ms / 2.0 ms |",
		"| go-glue@abc1234 | the starting point | 0.80× · 2.0 ms |",
		"1.20× · 1.0 ms (-50%) |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
	for _, line := range strings.Split(wrapProse(md, 100), "\n") {
		if !strings.HasPrefix(line, "|") && len(line) > 100 && strings.Contains(line, " ") {
			t.Errorf("line of %d columns: %q", len(line), line)
		}
	}
	if strings.Contains(md, "floor") {
		t.Error("a run without the floor mentions it")
	}
	rep.endpoints = endpoints[:1]
	if rep.partial() == "" {
		t.Error("a run of one endpoint would rewrite the results")
	}
}

func TestResultsFloorTable(t *testing.T) {
	hono, _ := lookupVariant("hono")
	glue, _ := lookupVariant("go-glue")
	fl, ok := lookupVariant(floor)
	if !ok {
		t.Fatal("no floor variant")
	}
	protected, _ := lookupEndpoint("protected")
	login, _ := lookupEndpoint("login")
	rep := report{cfg: &config{rounds: 1}, variants: []variant{glue, hono, fl}, endpoints: []endpoint{protected, login}}
	rep.init()
	for ei := range rep.endpoints {
		rep.rows[ei][0].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 600, P99: 3 * time.Millisecond}}
		rep.rows[ei][1].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 500, P99: 4 * time.Millisecond}}
		rep.rows[ei][2].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 800, P99: 2 * time.Millisecond}}
	}
	rep.rows[1][2].rounds[0].Non2xx = 1
	// A second round of protected: the floor 800/600 and 1200/600 over the
	// fastest, Authlab; under 3×, so marked.
	rep.rows[0][0].rounds = append(rep.rows[0][0].rounds, &wrkResult{Requests: 10, ReqPerSec: 600, P99: 3 * time.Millisecond})
	rep.rows[0][1].rounds = append(rep.rows[0][1].rounds, &wrkResult{Requests: 10, ReqPerSec: 500, P99: 4 * time.Millisecond})
	rep.rows[0][2].rounds = append(rep.rows[0][2].rounds, &wrkResult{Requests: 10, ReqPerSec: 1200, P99: 2 * time.Millisecond})
	var b strings.Builder
	rep.floorTable(&b)
	if !strings.Contains(b.String(), "| **1.63× [") || !strings.Contains(b.String(), ", under 3×** |") {
		t.Errorf("the floor's margin of 1.63× is not marked:\n%s", b.String())
	}
	for _, want := range []string{
		"| `GET /api/protected` (ES256 verify, one token) | 1000 | 2.0 ms | 0.60 | 0.50 |",
		"| `POST /api/login` | invalid | | | |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}

func TestResultsGoFloorTable(t *testing.T) {
	glue, _ := lookupVariant("go-glue")
	gf, ok := lookupVariant(goFloor)
	if !ok {
		t.Fatal("no Go floor variant")
	}
	fl, _ := lookupVariant(floor)
	protected, _ := lookupEndpoint("protected")
	rep := report{cfg: &config{rounds: 1}, variants: []variant{glue, gf, fl}, endpoints: []endpoint{protected}}
	rep.init()
	ms := time.Millisecond
	rep.rows[0][0].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 500, P99: 3 * ms, CPUPerReq: 400 * time.Microsecond}}
	rep.rows[0][1].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 2000, P99: 2 * ms, CPUPerReq: 150 * time.Microsecond}}
	rep.rows[0][2].rounds = []*wrkResult{{Requests: 10, ReqPerSec: 8000, P99: 1 * ms, CPUPerReq: 100 * time.Microsecond}}
	rep.cold[1] = &coldStart{runs: 1, first: 61 * ms, timing: map[string]float64{"go-start": 48}}
	var b strings.Builder
	rep.goFloorTable(&b)
	for _, want := range []string{
		"| `GET /api/protected` (ES256 verify, one token) | 0.25 | 0.05 ms | 0.30 ms |",
		"first response 61 ms, of which the Go start 48 ms.",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
	rep.variants = []variant{glue, fl}
	rep.init()
	b.Reset()
	rep.goFloorTable(&b)
	if b.Len() != 0 {
		t.Errorf("a run without the Go floor writes its table:\n%s", b.String())
	}
}
