package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/authlab/authlab/wasm/bench/lhsuite"
)

// series holds every run of one page on one network.
type series struct{ first, repeat []visitTimes }

func (s *series) add(first, repeat visitTimes) {
	s.first, s.repeat = append(s.first, first), append(s.repeat, repeat)
}

// column returns one figure of every visit.
func column(v []visitTimes, f func(visitTimes) float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = f(x)
	}
	return out
}

func payloadOf(v visitTimes) float64 { return v.payload }
func readyOf(v visitTimes) float64   { return v.ready }
func liveOf(v visitTimes) float64    { return v.live }
func bytesOf(v visitTimes) float64   { return float64(v.bytes) }

// facts lists the distinct encoding facts of the visits, in the order
// first seen.
func facts(v []visitTimes) []string {
	var out []string
	for _, x := range v {
		if s := x.enc.String(); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

type keyResult struct {
	page       string
	free       bool // frames not held to 60 Hz
	dom, frame []float64
}

// report is everything one run measured.
type report struct {
	runs, keys   int
	pasteAt      int // ms after navigation start before which nothing was pasted
	nets         []netProfile
	pages        []target
	samples      map[[2]string]*series
	keyResults   []keyResult
	lighthouse   string // lhsuite's table, "" when not run
	jwtioCommit  string
	jwtioMissing string // why jwt.io was not measured
	load         string // the machine's load average when the run began
	loadEnd      string // and when it ended
	when, commit string
}

func (r *report) series(page, net string) *series {
	if s := r.samples[[2]string{page, net}]; s != nil {
		return s
	}
	return &series{}
}

func (r *report) key(page string, free bool) (keyResult, bool) {
	for _, k := range r.keyResults {
		if k.page == page && k.free == free {
			return k, true
		}
	}
	return keyResult{}, false
}

func (r *report) stamp() {
	if r.when != "" {
		return
	}
	r.when = time.Now().UTC().Format("2006-01-02 15:04 UTC")
	if r.commit != "" {
		return
	}
	out, err := exec.Command("git", "describe", "--always", "--dirty").Output()
	r.commit = strings.TrimSpace(string(out))
	if err != nil || r.commit == "" {
		r.commit = "unknown"
	}
}

func (r *report) has(page string) bool {
	return slices.ContainsFunc(r.pages, func(t target) bool { return t.name == page })
}

func kib(b int64) string {
	if b < 10<<10 {
		return fmt.Sprintf("%.1f KiB", float64(b)/1024)
	}
	return fmt.Sprintf("%d KiB", b/1024)
}

// columns are the table's pages: Authlab, the jose page and jwt.io,
// whether or not jwt.io was measured.
var columns = []string{authlab, jose, jwtIO}

// cell is the median and range of one figure, or why there is none.
func (r *report) cell(page string, v []float64, format string) string {
	if !r.has(page) {
		return "not measured"
	}
	if len(v) == 0 {
		return "–"
	}
	return lhsuite.Spread(v, format)
}

// table is the figures of the three pages side by side, each as its
// median and range over the runs.
func (r *report) table() string {
	var b strings.Builder
	b.WriteString("| | Authlab, through the worker | jose page | jwt.io |\n|---|---:|---:|---:|\n")
	row := func(name string, f func(page string) string) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", name, f(columns[0]), f(columns[1]), f(columns[2]))
	}
	for _, n := range r.nets {
		for _, visit := range []string{"first", "repeat"} {
			pick := func(s *series) []visitTimes {
				if visit == "first" {
					return s.first
				}
				return s.repeat
			}
			row(fmt.Sprintf("%s visit, payload on screen, %s, ms", visit, n.name), func(p string) string {
				return r.cell(p, column(pick(r.series(p, n.name)), payloadOf), "%.0f")
			})
			row(fmt.Sprintf("%s visit, workbench ready, %s, ms", visit, n.name), func(p string) string {
				if p != authlab && r.has(p) {
					return "(decodes only)"
				}
				return r.cell(p, column(pick(r.series(p, n.name)), readyOf), "%.0f")
			})
			row(fmt.Sprintf("%s visit, every tool live, %s, ms", visit, n.name), func(p string) string {
				if p != authlab && r.has(p) {
					return "(decodes only)"
				}
				return r.cell(p, column(pick(r.series(p, n.name)), liveOf), "%.0f")
			})
		}
	}
	for _, visit := range []string{"first", "repeat"} {
		row(fmt.Sprintf("bytes on the wire, %s visit, KiB", visit), func(p string) string {
			s := r.series(p, slow.name)
			v := s.first
			if visit == "repeat" {
				v = s.repeat
			}
			kb := column(v, bytesOf)
			for i := range kb {
				kb[i] /= 1024
			}
			return r.cell(p, kb, "%.0f")
		})
	}
	for _, free := range []bool{true, false} {
		name := "keystroke → payload drawn, p50 / p95, frames not held to 60 Hz"
		if !free {
			name = "keystroke → payload drawn, p50 / p95, 60 Hz vsync"
		}
		row(name, func(p string) string {
			k, ok := r.key(p, free)
			if !ok {
				return "not measured"
			}
			return fmt.Sprintf("%.1f / %.1f ms", percentile(k.frame, 50), percentile(k.frame, 95))
		})
	}
	return b.String()
}

// goal compares, at 20 Mbit/s on a first visit, the median time to
// Authlab's workbench ready with jwt.io's to its decoded payload.
func (r *report) goal() string {
	if !r.has(jwtIO) {
		return fmt.Sprintf("jwt.io was not measured in this run (%s), so the goal (first visit at 20 Mbit/s and 40 ms RTT: "+
			"Authlab's workbench ready no later than jwt.io's decoded payload) was not checked.", r.jwtioMissing)
	}
	a := median(column(r.series(authlab, slow.name).first, readyOf))
	j := median(column(r.series(jwtIO, slow.name).first, payloadOf))
	verdict := "met"
	if a > j {
		verdict = "not met"
	}
	return fmt.Sprintf("Goal, first visit at 20 Mbit/s and 40 ms RTT, through the worker: Authlab's workbench ready "+
		"(median %.0f ms) no later than jwt.io's decoded payload on screen (median %.0f ms): **%s** (%+.0f ms).", a, j, verdict, a-j)
}

// encodings says, per page, network and visit, what the browser asked
// for and how the page's main resource came.
func (r *report) encodings() string {
	var b strings.Builder
	b.WriteString("| page | resource | network | first visit | repeat visit |\n|---|---|---|---|---|\n")
	for _, p := range r.pages {
		res := "`" + p.resource + "`"
		if p.resource == "" {
			res = "the document"
		}
		for _, n := range r.nets {
			s := r.series(p.name, n.name)
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", p.name, res, n.name,
				strings.Join(facts(s.first), "; "), strings.Join(facts(s.repeat), "; "))
		}
	}
	return b.String()
}

// runs lists every run's figures in milliseconds.
func (r *report) everyRun() string {
	var b strings.Builder
	for _, p := range r.pages {
		for _, n := range r.nets {
			s := r.series(p.name, n.name)
			fmt.Fprintf(&b, "- %s, %s: first", p.name, n.name)
			for _, v := range s.first {
				fmt.Fprintf(&b, " %.0f/%.0f/%.0f", v.payload, v.ready, v.live)
			}
			b.WriteString("; repeat")
			for _, v := range s.repeat {
				fmt.Fprintf(&b, " %.0f/%.0f/%.0f", v.payload, v.ready, v.live)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// markdown is the full report for results/latest.md.
func (r *report) markdown() string {
	r.stamp()
	var b strings.Builder
	fmt.Fprintf(&b, "# Front-end benchmark: time to usable\n\n")
	fmt.Fprintf(&b, "Headless chromium, %s, commit %s, load average %s at the start and %s at the end. Median (min–max) of %d interleaved runs; "+
		"keystrokes: %d edits of the payload. See docs/performance.md for what each figure is.\n\n", r.when, r.commit, r.load, r.loadEnd, r.runs, r.keys)
	b.WriteString(r.table())
	b.WriteString("\n" + r.goal() + "\n\n")
	b.WriteString("How each page's main resource travelled:\n\n" + r.encodings())
	b.WriteString("\nEvery run, in milliseconds (payload on screen / workbench ready / every tool live):\n\n" + r.everyRun())
	if r.lighthouse != "" {
		b.WriteString("\n" + r.lighthouse)
	}
	return b.String()
}

var errMarkers = errors.New("no bench-web markers in the results file")

const (
	beginMarker = "<!-- bench-web:begin (written by `make bench-web`) -->\n"
	endMarker   = "<!-- bench-web:end -->"
)

// rewriteReadme replaces what lies between the bench-web markers.
func rewriteReadme(name, section string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, beginMarker), strings.Index(s, endMarker)
	if i < 0 || j < i {
		return fmt.Errorf("%w in %s", errMarkers, name)
	}
	s = s[:i+len(beginMarker)] + section + s[j:]
	return os.WriteFile(name, []byte(s), 0o644)
}
