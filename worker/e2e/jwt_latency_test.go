//go:build e2e

package e2e_test

import (
	"encoding/base64"
	"encoding/json"
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

// latencyParts are the outputs timed after each edit, in report order.
var latencyParts = []string{"verdict", "header", "payload", "claims", "lint"}

// TestJWTKeystrokeLatency times, in chromium, each edit of the token until
// each part of the output is in the DOM, and until the next frame after all
// of them, for every alg, with performance.now() inside the page. The edits
// alternate between a signed token and the same token with another header
// (no typ) and another payload (one more claim), so that every edit changes
// the verdict, the header, the payload, the claims and the lint findings,
// and runs the full check. A part counts as drawn at its last change within
// 80 ms of the edit, so that output deferred to go-app's next update counts
// at the time it lands. The target is p95 ≤ 16 ms for the output in the DOM
// (the next frame is bound to the display's refresh: at 60 Hz it can be up
// to 16.7 ms after the edit); the test fails only beyond the 100 ms that any
// input is allowed.
func TestJWTKeystrokeLatency(t *testing.T) {
	ctx, _ := openJWT(t, "")
	var report strings.Builder
	fmt.Fprintf(&report, "\np95 in ms per part, then all parts drawn and the next frame (p50 / p95)\n%-6s", "alg")
	for _, p := range latencyParts {
		fmt.Fprintf(&report, " %8s", p)
	}
	fmt.Fprintf(&report, " %15s %15s\n", "all drawn", "next frame")
	var allP95 []float64
	for _, alg := range jot.Algorithms() {
		token, key, enc := signed(t, alg, liveClaims())
		edited := editedToken(t, token)
		if err := chromedp.Run(ctx, setValue("#key-encoding", enc), setValue("#key", key), setValue("#token", token)); err != nil {
			t.Fatal(err)
		}
		verdict(t, ctx, "valid")
		parts := make([][]float64, len(latencyParts))
		var all, frame []float64
		for i := range warmup + keystrokes {
			value, valid := edited, false
			if i%2 == 1 {
				value, valid = token, true
			}
			var m keystrokeTimes
			if err := chromedp.Run(ctx,
				chromedp.Evaluate(keystrokeJS, nil),
				chromedp.Evaluate(`window.__keystroke(`+jsString(value)+`)`, &m, awaitPromise),
			); err != nil {
				t.Fatal(err)
			}
			if (m.State == "valid") != valid || strings.Contains(m.Payload, editMark) == valid {
				t.Fatalf("%s: after edit %d the verdict is %s and the payload %q; want valid=%v", alg, i, m.State, m.Payload, valid)
			}
			for j, p := range latencyParts {
				if m.Drawn[j] <= 0 {
					t.Fatalf("%s: edit %d did not change the %s", alg, i, p)
				}
			}
			if i >= warmup {
				for j := range latencyParts {
					parts[j] = append(parts[j], m.Drawn[j])
				}
				all, frame = append(all, slices.Max(m.Drawn)), append(frame, m.Frame)
			}
		}
		fmt.Fprintf(&report, "%-6s", alg)
		for j := range latencyParts {
			_, p95 := percentiles(parts[j])
			fmt.Fprintf(&report, " %8.1f", p95)
		}
		a50, a95 := percentiles(all)
		f50, f95 := percentiles(frame)
		fmt.Fprintf(&report, " %6.1f / %6.1f %6.1f / %6.1f\n", a50, a95, f50, f95)
		allP95 = append(allP95, a95)
		if a95 > 100 {
			t.Errorf("%s: output drawn at p95 %.1f ms, over the 100 ms budget", alg, a95)
		}
	}
	fmt.Fprintf(&report, "worst alg, all parts drawn at p95: %.1f ms\n", slices.Max(allP95))
	t.Log(report.String())
}

// editMark is the claim value that the edited token's payload carries.
const editMark = "Grace Hopper"

// editedToken returns token with its header's typ removed and a name claim
// added to its payload, keeping the signature: the verdict turns invalid,
// the lint finds typ-missing, and the claims table gains a row.
func editedToken(t *testing.T, token string) string {
	t.Helper()
	seg := strings.Split(token, ".")
	edit := func(s string, f func(map[string]any)) string {
		raw, err := base64.RawURLEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(out)
	}
	header := edit(seg[0], func(m map[string]any) { delete(m, "typ") })
	payload := edit(seg[1], func(m map[string]any) { m["name"] = editMark })
	return header + "." + payload + "." + seg[2]
}

// keystrokeJS installs window.__keystroke(value): it sets #token, fires
// input, and watches the text of each latency part. It resolves 80 ms
// later with the time of each part's last change, the time of the first
// animation frame after all of them, and the verdict and payload shown.
const keystrokeJS = `window.__keystroke = (value) => new Promise(resolve => {
	const sels = ["#verdict", "#header", "#payload", "#claims", "#lint"];
	const text = s => {
		const e = document.querySelector(s);
		if (!e) return null;
		return (s === "#verdict" ? e.dataset.state + "|" : "") + e.textContent;
	};
	const seen = sels.map(text), drawn = sels.map(() => 0), frames = [];
	let t0 = 0, done = false;
	const look = () => {
		const now = performance.now() - t0;
		sels.forEach((s, i) => {
			const cur = text(s);
			if (cur !== seen[i]) { seen[i] = cur; drawn[i] = now; }
		});
	};
	const obs = new MutationObserver(look);
	obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
	const frame = () => { if (done) return; frames.push(performance.now() - t0); requestAnimationFrame(frame); };
	requestAnimationFrame(frame);
	const el = document.querySelector("#token");
	t0 = performance.now();
	el.value = value;
	el.dispatchEvent(new Event("input", {bubbles: true}));
	setTimeout(() => {
		look();
		done = true;
		obs.disconnect();
		const all = Math.max(...drawn);
		const next = frames.find(f => f >= all);
		const v = document.querySelector("#verdict");
		resolve({drawn, frame: next === undefined ? -1 : next, state: v.dataset.state, payload: text("#payload") || ""});
	}, 80);
});`

type keystrokeTimes struct {
	Drawn   []float64 `json:"drawn"`
	Frame   float64   `json:"frame"`
	State   string    `json:"state"`
	Payload string    `json:"payload"`
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
