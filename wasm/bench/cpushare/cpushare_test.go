package cpushare

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
)

func meta(pid, tid int64, name string) Event {
	return Event{Ph: "M", Name: "thread_name", Pid: pid, Tid: tid, Args: json.RawMessage(`{"name":"` + name + `"}`)}
}

func task(pid, tid int64, ts, dur, tdur float64) Event {
	return Event{Ph: "X", Name: "RunTask", Cat: "toplevel", Pid: pid, Tid: tid, Ts: ts, Dur: dur, Tdur: tdur}
}

func tier(pid, tid int64, ts, dur, tdur float64) Event {
	return Event{Ph: "X", Name: "wasm.TopTierCompilation", Cat: "v8.wasm", Pid: pid, Tid: tid, Ts: ts, Dur: dur, Tdur: tdur}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestAnalyse builds a trace of two renderers, the page's (pid 2) and
// about:blank's (pid 1), and checks which tasks count and how much of
// the top-tier compilation overlaps them.
func TestAnalyse(t *testing.T) {
	events := []Event{
		meta(1, 10, "CrRendererMain"), meta(2, 20, "CrRendererMain"), meta(2, 21, "ThreadPoolForegroundWorker"),
		task(1, 10, 0, 60_000, 60_000),                                                        // about:blank: less task time than the page
		task(2, 20, 100_000, 40_000, 40_000),                                                  // short: not a long task
		task(2, 20, 200_000, 50_000, 50_000),                                                  // exactly 50 ms: not over the threshold
		task(2, 20, 300_000, 80_000, 20_000),                                                  // long: 80 ms wall, 20 ms CPU
		task(2, 20, 500_000, 120_000, 60_000),                                                 // long: 120 ms wall, 60 ms CPU
		task(2, 21, 300_000, 500_000, 500_000),                                                // a pool thread's task: not the main thread
		tier(2, 21, 340_000, 80_000, 40_000),                                                  // half inside the first long task: 20 ms
		tier(2, 21, 700_000, 100_000, 30_000),                                                 // after every long task
		tier(1, 11, 300_000, 80_000, 80_000),                                                  // another process
		{Ph: "X", Name: "wasm.TopTierCompilation", Pid: 2, Tid: 21, Ts: 310_000},              // no duration
		{Ph: "R", Name: "firstContentfulPaint", Cat: "loading", Pid: 1, Tid: 10, Ts: 10},      // about:blank's
		{Ph: "R", Name: "firstContentfulPaint", Cat: "loading", Pid: 2, Tid: 20, Ts: 150_000}, // the page's
	}
	s, err := Analyse(events)
	if err != nil {
		t.Fatal(err)
	}
	if s.Tasks != 2 || !near(s.WallMS, 200) || !near(s.CPUMS, 80) || !near(s.Share(), 0.4) {
		t.Errorf("long tasks %d, wall %v ms, CPU %v ms, share %v; want 2, 200, 80, 0.4", s.Tasks, s.WallMS, s.CPUMS, s.Share())
	}
	// ×4 − 50 ms of every main-thread task after the page's first paint:
	// from wall 150+270+430, from CPU 150+30+190.
	if !near(s.BlockingWall, 850) || !near(s.BlockingCPU, 370) {
		t.Errorf("blocking time %v ms from wall, %v from CPU; want 850 and 370", s.BlockingWall, s.BlockingCPU)
	}
	if !near(s.TopTier, 20) || !near(s.TopTierT, 70) {
		t.Errorf("top-tier compilation %v ms inside, %v ms in all; want 20 and 70", s.TopTier, s.TopTierT)
	}
}

func TestAnalyseRefusesWhatItCannotTell(t *testing.T) {
	if _, err := Analyse([]Event{task(1, 10, 0, 60_000, 60_000)}); !errors.Is(err, ErrNoMainThread) {
		t.Errorf("no thread names: err %v, want ErrNoMainThread", err)
	}
	if _, err := Analyse([]Event{meta(1, 10, "CrRendererMain"), task(1, 10, 0, 60_000, 0)}); !errors.Is(err, ErrNoThreadTime) {
		t.Errorf("no thread time: err %v, want ErrNoThreadTime", err)
	}
	fcp := Event{Ph: "R", Name: "firstContentfulPaint", Pid: 1, Tid: 10}
	s, err := Analyse([]Event{meta(1, 10, "CrRendererMain"), task(1, 10, 0, 10_000, 10_000), fcp})
	if err != nil || s.Tasks != 0 || s.Share() != 0 {
		t.Errorf("no long task: %+v, %v", s, err)
	}
	if _, err := Analyse([]Event{meta(1, 10, "CrRendererMain"), task(1, 10, 0, 60_000, 30_000)}); !errors.Is(err, ErrNoPaint) {
		t.Errorf("no first paint: err %v, want ErrNoPaint", err)
	}
	if _, err := Parse([]json.RawMessage{json.RawMessage(`[1]`)}); !errors.Is(err, ErrTrace) {
		t.Errorf("an event that is not an object: err %v, want ErrTrace", err)
	}
}

// FuzzAnalyse feeds arbitrary trace events: Parse refuses what is not a
// list of objects, and Analyse never panics and never reports more CPU
// than wall time in tasks whose thread time does not exceed their wall.
func FuzzAnalyse(f *testing.F) {
	f.Add(`[{"ph":"M","name":"thread_name","pid":1,"tid":2,"args":{"name":"CrRendererMain"}},{"ph":"X","name":"RunTask","pid":1,"tid":2,"ts":0,"dur":70000,"tdur":30000},{"ph":"R","name":"firstContentfulPaint","pid":1,"tid":2,"ts":0}]`)
	f.Add(`[{"ph":"X","name":"wasm.TopTierCompilation","pid":1,"tid":3,"ts":-5,"dur":1e300,"tdur":1}]`)
	f.Add(`[{"args":7}]`)
	f.Fuzz(func(t *testing.T, in string) {
		var raw []json.RawMessage
		if json.Unmarshal([]byte(in), &raw) != nil {
			return
		}
		events, err := Parse(raw)
		if err != nil {
			return
		}
		s, err := Analyse(events)
		if err != nil {
			return
		}
		sane := true
		for _, e := range events {
			if e.Tdur > e.Dur || e.Tdur < 0 {
				sane = false
			}
		}
		if sane && (s.CPUMS > s.WallMS+1e-6 || s.BlockingCPU > s.BlockingWall+1e-6) {
			t.Errorf("CPU %v ms over wall %v ms, or blocking %v ms from CPU over %v from wall", s.CPUMS, s.WallMS, s.BlockingCPU, s.BlockingWall)
		}
	})
}
