//go:build e2e

package e2e_test

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/naivelab"
)

// TestAttackLab runs every panel of /attacks in chromium: each attack is
// built in the page, the naive endpoint of its mistake accepts it, the
// strict /api/protected refuses it, and the panel shows the mistake and
// the fix in three languages. The weak secret is cracked in the page from
// the built-in word list, in under 5 seconds.
func TestAttackLab(t *testing.T) {
	b := uiBrowser(t)
	b.open("/attacks")
	b.click("#lab-load")
	b.waitJS(`!!document.querySelector("#lab-loaded")`)

	crackResponsiveAndCancellable(t, b)

	// 20,000 words of the reader's that are not the secret, tried first.
	var words strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&words, "guess-%d\n", i)
	}
	b.setValue("#crack-words", words.String())
	start := time.Now()
	status := crackOnce(b)
	took := time.Since(start)
	if !strings.Contains(status, `"`+naivelab.WeakSecret+`"`) || !strings.Contains(status, "guesses per second") {
		t.Errorf("the cracker says %q", status)
	}
	if took > 5*time.Second {
		t.Errorf("cracking took %s, over 5 s", took)
	}
	t.Logf("cracked in %s: %s", took, status)

	for _, e := range naivelab.Endpoints() {
		id := "#attack-" + e.Name
		b.click(id + "-build")
		b.waitJS(fmt.Sprintf(`!!document.querySelector(%q)`, id+"-token"))
		variants := 1
		var n int
		b.eval(fmt.Sprintf(`(document.querySelector(%q)||{options:[1]}).options.length`, id+"-variant"), &n)
		if n > 1 {
			variants = n
		}
		for v := range variants {
			if variants > 1 {
				b.setSelect(id+"-variant", fmt.Sprint(v))
			}
			b.click(id + "-send")
			b.waitJS(fmt.Sprintf(`!!document.querySelector(%q) && !!document.querySelector(%q)`, id+"-naive", id+"-strict"))
			var naive, strict string
			b.eval(fmt.Sprintf(`document.querySelector(%q).dataset.status`, id+"-naive"), &naive)
			b.eval(fmt.Sprintf(`document.querySelector(%q).dataset.status`, id+"-strict"), &strict)
			if naive != "200" || strict != "401" {
				t.Errorf("%s variant %d: naive %s, strict %s, want 200 and 401", e.Name, v, naive, strict)
			}
		}
		if e.Name == "none" {
			b.screenshot("attacks-none", id)
		}
		// The fix is in a closed <details>: its text is there, not rendered.
		var panel string
		b.eval(fmt.Sprintf(`document.querySelector(%q).textContent`, id), &panel)
		for _, want := range []string{e.Mistake, "How it was made", "Go (golang-jwt)", "Python (PyJWT)", "JavaScript (jose)"} {
			if !strings.Contains(panel, want) {
				t.Errorf("%s: the panel lacks %q", e.Name, want)
			}
		}
	}

	// The own-API kit makes probes with curl commands and sends nothing.
	before := len(b.log.urls())
	b.setValue("#own-token", "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.c2ln")
	b.setValue("#own-url", "https://api.example/me")
	b.click("#own-make")
	b.waitJS(`document.querySelectorAll(".probe").length >= 10`)
	if got := b.text("#own-api"); !strings.Contains(got, "curl -i 'https://api.example/me'") || !strings.Contains(got, "A correct API answers: 401") {
		t.Errorf("the probes read %q", got[:min(len(got), 600)])
	}
	if urls := b.log.urls(); len(urls) != before {
		t.Errorf("making probes sent requests: %v", urls[before:])
	}
}

// bigList is how many words of the reader's the long cracks try before
// the secret: enough for the worker to run for a while.
const bigList = 300000

// crackRate reads the guesses per second from the cracker's status.
var crackRate = regexp.MustCompile(`([0-9]+) of ([0-9]+) words, ([0-9]+) guesses per second`)

// crackResponsiveAndCancellable runs the cracker over a long list, in its
// Web Worker: the page's own thread keeps running timers all along, and
// Cancel stops the search where it is.
func crackResponsiveAndCancellable(t *testing.T, b *uiTab) {
	t.Helper()
	progressed := cancelLongCrack(t, b)

	// Responsive: a timer loop on the page's thread, measured from the
	// first progress report to the end, ticks on without long gaps.
	b.eval(`(() => { window.crackTicks = {n: 0, gap: 0, last: performance.now(), on: true};
		const tick = () => { const c = window.crackTicks, now = performance.now();
			c.gap = Math.max(c.gap, now - c.last); c.last = now; c.n++; if (c.on) setTimeout(tick, 0); };
		tick(); return true; })()`, new(bool))
	run := crackRunNumber(b)
	b.click("#crack")
	b.waitJS(progressed)
	b.eval(`(() => { const c = window.crackTicks; c.n = 0; c.gap = 0; c.last = performance.now(); c.start = c.last; return true; })()`, new(bool))
	status := waitCrackRun(b, run+1)
	var ticks struct {
		N     int     `json:"n"`
		Gap   float64 `json:"gap"`
		Start float64 `json:"start"`
		Last  float64 `json:"last"`
	}
	b.eval(`(() => { const c = window.crackTicks; c.on = false; return c; })()`, &ticks)
	span := ticks.Last - ticks.Start
	// Bounds loose enough for a loaded two-core machine; a cracker on the
	// page's thread leaves gaps of seconds.
	if ticks.N < 10 || ticks.Gap > 750 || float64(ticks.N) < span/50 {
		t.Errorf("the page's thread stalled while cracking: %d ticks in %.0f ms, longest gap %.0f ms", ticks.N, span, ticks.Gap)
	}
	m := crackRate.FindStringSubmatch(status)
	if m == nil || !strings.Contains(status, naivelab.WeakSecret) {
		t.Fatalf("the long crack says %q", status)
	}
	if tried, _ := strconv.Atoi(m[1]); tried <= bigList {
		t.Errorf("the long crack tried %d words, want over %d", tried, bigList)
	}
	t.Logf("chromium, in the Web Worker: %s guesses per second over %s words; the page ticked %d times in %.0f ms, longest gap %.1f ms", m[3], m[1], ticks.N, span, ticks.Gap)
}

// crackRunNumber is the number of the cracker's last run, 0 before any.
func crackRunNumber(b *uiTab) int {
	var n int
	b.eval(`+((document.querySelector("#crack-status")||{dataset:{}}).dataset.run||0)`, &n)
	return n
}

// waitCrackRun waits for the cracker's run number run to end, and
// returns its status.
func waitCrackRun(b *uiTab, run int) string {
	b.waitJS(fmt.Sprintf(`(() => { const e = document.querySelector("#crack-status"); return !!e && e.dataset.run === "%d" && e.dataset.running === "false"; })()`, run))
	return b.text("#crack-status")
}

// crackOnce starts the cracker and waits for that run to end.
func crackOnce(b *uiTab) string {
	run := crackRunNumber(b)
	b.click("#crack")
	return waitCrackRun(b, run+1)
}

// cancelLongCrack starts the cracker over a long list of the reader's and
// cancels it: the count of words tried stops short of the end. Cancel
// ends the worker and starts a new one. It returns the condition that the
// cracker has made progress.
func cancelLongCrack(t *testing.T, b *uiTab) (progressed string) {
	t.Helper()
	b.eval(fmt.Sprintf(`(() => { const e = document.querySelector("#crack-words");
		e.value = Array.from({length: %d}, (_, i) => "long-guess-" + i).join("\n");
		e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`, bigList), new(bool))
	progressed = `(() => { const p = document.querySelector("#crack-progress"); return !!p && +p.value > 0 && p.nextElementSibling.dataset.running === "true"; })()`

	b.click("#crack")
	b.waitJS(progressed)
	// The status line above Cancel changes with every progress report, so
	// the button never stays put long enough for clickSteady while the
	// crack runs; the click is sent to it directly instead.
	b.waitJS(`(() => { const c = document.querySelector("#crack-cancel"); return !!c && !c.disabled; })()`)
	b.eval(`(() => { document.querySelector("#crack-cancel").click(); return true; })()`, new(bool))
	status := b.waitText("#crack-status", "Cancelled.")
	var v1, v2 float64
	b.eval(`+document.querySelector("#crack-progress").value`, &v1)
	time.Sleep(400 * time.Millisecond)
	b.eval(`+document.querySelector("#crack-progress").value`, &v2)
	if v1 != v2 || v1 <= 0 || v1 >= bigList {
		t.Errorf("after Cancel the progress went from %v to %v (of %d); status %q", v1, v2, bigList, status)
	}
	return progressed
}
