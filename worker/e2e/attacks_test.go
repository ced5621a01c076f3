//go:build e2e

package e2e_test

import (
	"fmt"
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

	// 20,000 words of the reader's that are not the secret, tried first.
	var words strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&words, "guess-%d\n", i)
	}
	b.setValue("#crack-words", words.String())
	start := time.Now()
	b.click("#crack")
	status := b.waitText("#crack-status", "Found")
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
