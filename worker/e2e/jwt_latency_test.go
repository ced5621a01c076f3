//go:build e2e

package e2e_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/authlab/authlab/app/jot"
)

// keystrokes is how many edits of the token are timed per alg, after
// warmup edits that let the browser compile the code paths of the alg.
const keystrokes, warmup = 40, 6

// TestJWTKeystrokeLatency times, in chromium, each edit of the token until
// the verdict is in the DOM (decode, verify, lint and render) and until the
// next frame, for every alg, with performance.now() inside the page. Each
// edit changes one character of the signature, and back, so that
// both run the full check. The target is p95 ≤ 16 ms, one frame; the test
// fails only beyond the 100 ms that any input is allowed.
func TestJWTKeystrokeLatency(t *testing.T) {
	ctx, _ := openJWT(t, "")
	var report strings.Builder
	fmt.Fprintf(&report, "\n%-6s %8s %8s %10s %10s\n", "alg", "DOM p50", "DOM p95", "frame p50", "frame p95")
	for _, alg := range jot.Algorithms() {
		token, key, enc := signed(t, alg, liveClaims())
		// A character inside the signature, where every bit counts.
		i := len(token) - 10
		swap := "A"
		if token[i] == 'A' {
			swap = "B"
		}
		forged := token[:i] + swap + token[i+1:]
		if err := chromedp.Run(ctx, setValue("#key-encoding", enc), setValue("#key", key), setValue("#token", token)); err != nil {
			t.Fatal(err)
		}
		verdict(t, ctx, "valid")
		var dom, frame []float64
		for i := range warmup + keystrokes {
			value, want := forged, "invalid"
			if i%2 == 1 {
				value, want = token, "valid"
			}
			var m measurement
			if err := chromedp.Run(ctx,
				chromedp.Evaluate(measureJS, nil),
				chromedp.Evaluate(`window.__measure("#token", `+jsString(value)+`)`, &m, awaitPromise),
			); err != nil {
				t.Fatal(err)
			}
			if m.State != want {
				t.Fatalf("%s: verdict %s after edit %d, want %s: %s", alg, m.State, i, want, m.Text)
			}
			if i >= warmup {
				dom, frame = append(dom, m.DOM), append(frame, m.Frame)
			}
		}
		p50, p95 := percentiles(dom)
		f50, f95 := percentiles(frame)
		fmt.Fprintf(&report, "%-6s %6.1f ms %6.1f ms %8.1f ms %8.1f ms\n", alg, p50, p95, f50, f95)
		if p95 > 100 {
			t.Errorf("%s: p95 %.1f ms, over the 100 ms budget", alg, p95)
		}
	}
	t.Log(report.String())
}

// percentiles returns the 50th and 95th percentiles, nearest rank.
func percentiles(xs []float64) (p50, p95 float64) {
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := func(p float64) float64 {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return rank(0.50), rank(0.95)
}
