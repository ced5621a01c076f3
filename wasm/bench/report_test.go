package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sample is a report of runs made up for the rendering: Authlab ready at
// authlabReady ms on a first visit at 20 Mbit/s, jwt.io's payload at
// jwtioPayload ms, or jwt.io not measured when jwtioPayload is 0.
func sample(authlabReady, jwtioPayload float64) *report {
	pages := []target{{name: authlab, resource: "/web/app.wasm"}, {name: jose, resource: "/app.js"}}
	if jwtioPayload > 0 {
		pages = append(pages, target{name: jwtIO})
	}
	r := &report{runs: 3, keys: 30, nets: []netProfile{unthrottled, slow}, pages: pages, samples: map[[2]string]*series{},
		when: "2026-01-02 03:04 UTC", commit: "abc1234", load: "1.00, 1.00, 1.00", loadEnd: "2.00, 2.00, 2.00",
		jwtioCommit: "d88e9709c6f463413280a7f39114523a313bdb35", jwtioMissing: "no -jwtio-src was given"}
	br := encodingFact{resource: "/web/app.wasm", accept: "gzip, deflate, br, zstd", encoding: "br", bytes: 2372608, found: true}
	cached := encodingFact{resource: "/web/app.wasm", fromServiceWorker: true, found: true}
	for _, n := range r.nets {
		s := &series{}
		for i, d := range []float64{0, -100, 50} {
			s.add(visitTimes{payload: 300 + d, ready: authlabReady + d, live: authlabReady + 1000 + d, bytes: int64(2400+i) << 10, enc: br},
				visitTimes{payload: 100 + d, ready: 300 + d, enc: cached})
		}
		r.samples[[2]string{authlab, n.name}] = s
		j := &series{}
		for range 3 {
			j.add(visitTimes{payload: 150, ready: 150, bytes: 1024}, visitTimes{payload: 90, ready: 90})
		}
		r.samples[[2]string{jose, n.name}] = j
		if jwtioPayload > 0 {
			w := &series{}
			for _, d := range []float64{20, 0, -20} {
				w.add(visitTimes{payload: jwtioPayload + d, ready: jwtioPayload + d}, visitTimes{payload: 600, ready: 600})
			}
			r.samples[[2]string{jwtIO, n.name}] = w
		}
	}
	for _, p := range pages {
		for _, free := range []bool{true, false} {
			r.keyResults = append(r.keyResults, keyResult{page: p.name, free: free, frame: []float64{10, 12, 30}})
		}
	}
	return r
}

func TestTableGivesMedianAndRangeOfEachPage(t *testing.T) {
	md := sample(2000, 1500).markdown()
	for _, want := range []string{
		"| | Authlab, through the worker | jose page | jwt.io |",
		"| first visit, workbench ready, 20 Mbit/s, 40 ms, ms | 2000 (1900–2050) | (decodes only) | (decodes only) |",
		"| first visit, payload on screen, 20 Mbit/s, 40 ms, ms | 300 (200–350) | 150 (150–150) | 1500 (1480–1520) |",
		"| first visit, every tool live, 20 Mbit/s, 40 ms, ms | 3000 (2900–3050) | (decodes only) | (decodes only) |",
		"| bytes on the wire, first visit, KiB | 2401 (2400–2402) | 1 (1–1) | 0 (0–0) |",
		"| keystroke → payload drawn, p50 / p95, 60 Hz vsync | 12.0 / 30.0 ms | 12.0 / 30.0 ms | 12.0 / 30.0 ms |",
		"load average 1.00, 1.00, 1.00 at the start and 2.00, 2.00, 2.00 at the end",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
}

func TestGoalIsJudgedOnTheMedians(t *testing.T) {
	if got := sample(1400, 1500).goal(); !strings.Contains(got, "**met** (-100 ms)") {
		t.Errorf("ready before jwt.io: %s", got)
	}
	if got := sample(2000, 1500).goal(); !strings.Contains(got, "**not met** (+500 ms)") {
		t.Errorf("ready after jwt.io: %s", got)
	}
}

func TestJwtioNotMeasuredIsSaid(t *testing.T) {
	r := sample(2000, 0)
	md := r.markdown()
	if !strings.Contains(md, "| first visit, payload on screen, 20 Mbit/s, 40 ms, ms | 300 (200–350) | 150 (150–150) | not measured |") {
		t.Errorf("jwt.io column not marked as not measured:\n%s", md)
	}
	if !strings.Contains(r.goal(), "was not measured in this run (no -jwtio-src was given)") {
		t.Errorf("goal: %s", r.goal())
	}
	if readme := r.readme(); !strings.Contains(readme, "**not measured in this run**") || strings.Contains(readme, "d88e9709c6f4") {
		t.Errorf("readme does not say jwt.io was not measured:\n%s", readme)
	}
}

func TestEncodingsTableGivesEachVisit(t *testing.T) {
	enc := sample(2000, 1500).encodings()
	want := "| " + authlab + " | `/web/app.wasm` | 20 Mbit/s, 40 ms | Accept-Encoding `gzip, deflate, br, zstd` → Content-Encoding `br`, 2317 KiB | from the service worker's cache |"
	if !strings.Contains(enc, want) {
		t.Errorf("encodings lack %q:\n%s", want, enc)
	}
	if !strings.Contains(enc, "| "+jwtIO+" | the document |") {
		t.Errorf("jwt.io's row:\n%s", enc)
	}
}

func TestRewriteReadmeKeepsWhatIsOutsideTheMarkers(t *testing.T) {
	p := filepath.Join(t.TempDir(), "performance.md")
	os.WriteFile(p, []byte("before\n"+beginMarker+"old\n"+endMarker+"\nafter\n"), 0o644)
	if err := rewriteReadme(p, "new\n"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if want := "before\n" + beginMarker + "new\n" + endMarker + "\nafter\n"; string(b) != want {
		t.Errorf("got %q, want %q", b, want)
	}
	os.WriteFile(p, []byte("no markers"), 0o644)
	if err := rewriteReadme(p, "x"); err == nil {
		t.Error("a file without markers was accepted")
	}
}
