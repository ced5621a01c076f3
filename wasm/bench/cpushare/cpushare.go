// Package cpushare reads a Chromium trace of a page load and says how
// much of the wall time of the page's long tasks its main thread had the
// CPU for, and how much of V8's top-tier compilation of WebAssembly ran
// beside them.
//
// Lighthouse's Total Blocking Time counts each long task's wall time
// (multiplied by its simulated CPU slow-down), not the main thread's own
// CPU time. On a machine with few cores, a task stretches while other
// threads run: V8 compiling the hot functions of a large module again
// with its optimising tier (wasm.TopTierCompilation, on the renderer's
// pool threads), the browser process, the server under test. The share
// this package reports is therefore the resolution of a blocking-time
// figure measured here: at a share of one third, two thirds of every
// long task is time the page's code did not run.
//
// A task's thread time (the trace event's tdur) is what the Trace Event
// Format calls its thread clock duration; Chromium records it for
// top-level tasks where the platform has a per-thread CPU clock.
package cpushare

import (
	"encoding/json"
	"errors"
	"fmt"
)

// LongTask is Lighthouse's threshold: a main-thread task longer than
// 50 ms blocks input (Total Blocking Time counts what exceeds it).
const LongTask = 50_000 // µs, the trace's unit

var (
	// ErrNoMainThread is returned for a trace without a renderer main
	// thread (CrRendererMain) that ran tasks.
	ErrNoMainThread = errors.New("the trace has no renderer main thread with tasks")
	// ErrNoThreadTime is returned when the long tasks carry no thread
	// time, so the share cannot be told.
	ErrNoThreadTime = errors.New("the trace's long tasks have no thread time (tdur)")
	// ErrNoPaint is returned when the page's first contentful paint is
	// not in the trace, so the blocking time's window is unknown.
	ErrNoPaint = errors.New("the trace has no first contentful paint of the page")
	// ErrTrace is returned for trace events that are not JSON objects.
	ErrTrace = errors.New("malformed trace events")
)

// Event is one trace event, as the Trace Event Format writes it.
type Event struct {
	Name string          `json:"name"`
	Cat  string          `json:"cat"`
	Ph   string          `json:"ph"`
	Pid  int64           `json:"pid"`
	Tid  int64           `json:"tid"`
	Ts   float64         `json:"ts"`   // µs
	Dur  float64         `json:"dur"`  // µs, wall
	Tdur float64         `json:"tdur"` // µs, thread clock
	Args json.RawMessage `json:"args"`
}

// Parse decodes a list of raw trace events.
func Parse(raw []json.RawMessage) ([]Event, error) {
	out := make([]Event, 0, len(raw))
	for i, r := range raw {
		var e Event
		if err := json.Unmarshal(r, &e); err != nil {
			return nil, fmt.Errorf("%w: event %d: %v", ErrTrace, i, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// Stats describe the long tasks of one page load.
type Stats struct {
	Tasks    int     // long tasks on the page's main thread
	WallMS   float64 // their wall time
	CPUMS    float64 // the main thread's CPU time within them
	TopTier  float64 // ms of CPU that V8's top-tier compilation took in the page's process while they ran
	TopTierT float64 // ms of CPU it took in the whole trace
	// BlockingWall and BlockingCPU are the blocking time of the page's
	// main-thread tasks counted as Lighthouse's simulation counts a task
	// (the part of it, multiplied by SlowDown, that exceeds 50 ms), from
	// their wall time and from the main thread's own CPU time, the second
	// being what the page would block for if nothing else took the CPU
	// from its main thread. Both sum the tasks that start after the first
	// contentful paint, as Lighthouse's Total Blocking Time does (it also
	// stops at the page's quiet, which these loads end near).
	BlockingWall, BlockingCPU float64
}

// SlowDown is Lighthouse's default simulated CPU slow-down on mobile.
const SlowDown = 4

// Share is the main thread's CPU time over the long tasks' wall time.
func (s Stats) Share() float64 {
	if s.WallMS == 0 {
		return 0
	}
	return s.CPUMS / s.WallMS
}

type thread struct{ pid, tid int64 }

// Analyse finds the page's main thread (the renderer main thread that
// ran the most task time) and sums its long tasks' wall and thread time,
// and the thread time of V8's top-tier compilation in the same process,
// in all and in the part of each compilation that overlaps a long task.
func Analyse(events []Event) (Stats, error) {
	names := map[thread]string{}
	for _, e := range events {
		if e.Ph == "M" && e.Name == "thread_name" {
			var a struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(e.Args, &a) == nil {
				names[thread{e.Pid, e.Tid}] = a.Name
			}
		}
	}
	work := map[thread]float64{}
	for _, e := range events {
		if t := (thread{e.Pid, e.Tid}); isTask(e) && names[t] == "CrRendererMain" {
			work[t] += e.Dur
		}
	}
	var main thread
	best := 0.0
	for t, w := range work {
		if w > best || w == best && (t.pid < main.pid || t.pid == main.pid && t.tid < main.tid) {
			main, best = t, w
		}
	}
	if best == 0 {
		return Stats{}, ErrNoMainThread
	}
	paint := -1.0
	for _, e := range events {
		if e.Name == "firstContentfulPaint" && e.Pid == main.pid && (paint < 0 || e.Ts < paint) {
			paint = e.Ts
		}
	}
	var s Stats
	var long []Event
	for _, e := range events {
		if !isTask(e) || (thread{e.Pid, e.Tid}) != main {
			continue
		}
		if paint >= 0 && e.Ts >= paint {
			s.BlockingWall += blocking(e.Dur)
			s.BlockingCPU += blocking(e.Tdur)
		}
		if e.Dur > LongTask {
			long = append(long, e)
			s.Tasks++
			s.WallMS += e.Dur / 1000
			s.CPUMS += e.Tdur / 1000
		}
	}
	if s.Tasks > 0 && s.CPUMS == 0 {
		return s, ErrNoThreadTime
	}
	if paint < 0 {
		return s, ErrNoPaint
	}
	for _, e := range events {
		if e.Ph != "X" || e.Name != "wasm.TopTierCompilation" || e.Pid != main.pid || e.Dur <= 0 {
			continue
		}
		s.TopTierT += e.Tdur / 1000
		for _, t := range long {
			lo, hi := max(e.Ts, t.Ts), min(e.Ts+e.Dur, t.Ts+t.Dur)
			if hi > lo {
				s.TopTier += e.Tdur / 1000 * (hi - lo) / e.Dur
			}
		}
	}
	return s, nil
}

// blocking is the part of a task of d µs, slowed down SlowDown times,
// that exceeds LongTask, in ms.
func blocking(d float64) float64 {
	return max(0, SlowDown*d-LongTask) / 1000
}

// isTask reports whether e is a top-level task of a thread's run loop.
func isTask(e Event) bool {
	return e.Ph == "X" && e.Name == "RunTask" && e.Dur > 0
}
