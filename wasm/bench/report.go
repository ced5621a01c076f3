package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

const (
	authlab = "Authlab (Go/wasm)"
	jose    = "jose page (JS)"
)

// series holds every run of one page on one network.
type series struct{ first, repeat []visitTimes }

func (s *series) add(first, repeat visitTimes) {
	s.first, s.repeat = append(s.first, first), append(s.repeat, repeat)
}

// medians of payload, ready and bytes, each taken on its own.
func medians(v []visitTimes) visitTimes {
	var p, r []float64
	var b []int64
	for _, x := range v {
		p, r, b = append(p, x.payload), append(r, x.ready), append(b, x.bytes)
	}
	return visitTimes{payload: median(p), ready: median(r), bytes: medianInt(b)}
}

type keyResult struct {
	page       string
	free       bool // frames not held to 60 Hz
	dom, frame []float64
}

type report struct {
	runs, keys   int
	nets         []netProfile
	pages        []target
	samples      map[[2]string]*series
	keyResults   []keyResult
	when, commit string
	alsoLabel    string // what the -also build is, for the results file
}

func (r *report) get(page, net string) (first, repeat visitTimes) {
	s := r.samples[[2]string{page, net}]
	if s == nil {
		return
	}
	return medians(s.first), medians(s.repeat)
}

func (r *report) key(page string, free bool) keyResult {
	for _, k := range r.keyResults {
		if k.page == page && k.free == free {
			return k
		}
	}
	return keyResult{}
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

func ms(v float64) string { return fmt.Sprintf("%.0f ms", v) }

func ratio(a, b float64) string {
	if b <= 0 {
		return ""
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func kib(b int64) string {
	if b < 10<<10 {
		return fmt.Sprintf("%.1f KiB", float64(b)/1024)
	}
	return fmt.Sprintf("%d KiB", b/1024)
}

// table is the figures, Authlab beside the jose page with their ratio,
// and jwt.io's where the issue gives them.
func (r *report) table() string {
	var b strings.Builder
	b.WriteString("| | Authlab | jose page | Authlab / jose | jwt.io (anchor) |\n|---|---:|---:|---:|---:|\n")
	row := func(name string, a, j float64, anchor string) {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", name, ms(a), ms(j), ratio(a, j), anchor)
	}
	anchors := map[string][2]string{slow.name: {"1.12 s", "0.88 s"}}
	for _, n := range r.nets {
		af, ar := r.get(authlab, n.name)
		jf, jr := r.get(jose, n.name)
		label := n.name
		if n.name == slow.name {
			label = "20 Mbit/s and 40 ms RTT"
		}
		row("first visit, payload on screen, "+label, af.payload, jf.payload, anchors[n.name][0])
		row("first visit, workbench ready, "+label, af.ready, jf.ready, "")
		row("repeat visit, payload on screen, "+label, ar.payload, jr.payload, anchors[n.name][1])
		row("repeat visit, workbench ready, "+label, ar.ready, jr.ready, "")
	}
	af, ar := r.get(authlab, slow.name)
	jf, jr := r.get(jose, slow.name)
	fmt.Fprintf(&b, "| bytes, first visit | %s | %s | | 1044 KiB |\n", kib(af.bytes), kib(jf.bytes))
	fmt.Fprintf(&b, "| bytes, repeat visit | %s | %s | | 28 KiB |\n", kib(ar.bytes), kib(jr.bytes))
	for _, free := range []bool{true, false} {
		a, j := r.key(authlab, free), r.key(jose, free)
		name, anchor := "keystroke → payload drawn, p50 / p95, frames not held to 60 Hz", ""
		if !free {
			name, anchor = "keystroke → payload drawn, p50 / p95, 60 Hz vsync", "28 ms"
		}
		fmt.Fprintf(&b, "| %s | %.1f / %.1f ms | %.1f / %.1f ms | %s at p95 | %s |\n", name,
			percentile(a.frame, 50), percentile(a.frame, 95), percentile(j.frame, 50), percentile(j.frame, 95),
			ratio(percentile(a.frame, 95), percentile(j.frame, 95)), anchor)
	}
	a := r.key(authlab, true)
	fmt.Fprintf(&b, "| keystroke → payload in the DOM, p50 / p95 | %.1f / %.1f ms | %.1f / %.1f ms | | |\n",
		percentile(a.dom, 50), percentile(a.dom, 95), percentile(r.key(jose, true).dom, 50), percentile(r.key(jose, true).dom, 95))
	return b.String()
}

// markdown is the full report for results/latest.md.
func (r *report) markdown() string {
	r.stamp()
	var b strings.Builder
	fmt.Fprintf(&b, "# Front-end benchmark: time to usable\n\n")
	fmt.Fprintf(&b, "Headless chromium, %s, commit %s. Medians of %d interleaved runs; keystrokes: %d edits of the payload. See docs/performance.md for what each figure is.\n\n", r.when, r.commit, r.runs, r.keys)
	b.WriteString(r.table())
	b.WriteString("\nMedians per page, payload on screen / workbench ready, and the ratio of each to the jose page's:\n\n")
	b.WriteString("| page | network | first visit | ratio | repeat visit | ratio | bytes, first |\n|---|---|---:|---:|---:|---:|---:|\n")
	for _, p := range r.pages {
		for _, n := range r.nets {
			f, rp := r.get(p.name, n.name)
			jf, jr := r.get(jose, n.name)
			fmt.Fprintf(&b, "| %s | %s | %.0f / %.0f ms | %s / %s | %.0f / %.0f ms | %s / %s | %s |\n", p.name, n.name,
				f.payload, f.ready, ratio(f.payload, jf.payload), ratio(f.ready, jf.ready),
				rp.payload, rp.ready, ratio(rp.payload, jr.payload), ratio(rp.ready, jr.ready), kib(f.bytes))
		}
	}
	b.WriteString("\nEvery run, in milliseconds (payload on screen / workbench ready):\n\n")
	for _, p := range r.pages {
		for _, n := range r.nets {
			s := r.samples[[2]string{p.name, n.name}]
			if s == nil {
				continue
			}
			fmt.Fprintf(&b, "- %s, %s: first", p.name, n.name)
			for _, v := range s.first {
				fmt.Fprintf(&b, " %.0f/%.0f", v.payload, v.ready)
			}
			b.WriteString("; repeat")
			for _, v := range s.repeat {
				fmt.Fprintf(&b, " %.0f/%.0f", v.payload, v.ready)
			}
			b.WriteString("\n")
		}
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
