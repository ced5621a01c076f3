//go:build e2e

package e2e_test

import (
	"crypto/rand"
	"encoding/json"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/attack"
)

// statusLine is the status code of the last response that curl -i printed.
var statusLine = regexp.MustCompile(`(?m)^HTTP/[0-9.]+ (\d{3})`)

// TestLabProbesByCurl builds the own-API probes from a token of the lab
// and the lab's public key, and runs each probe's curl command for real:
// against the strict /api/protected every probe is refused with 401;
// against the lab's naive endpoint of the same mistake, it is accepted,
// and the answer says the endpoint is vulnerable on purpose.
func TestLabProbesByCurl(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Fatal("curl is missing: make browser installs it")
	}
	getJSON := func(path string, v any) {
		t.Helper()
		res, err := http.Get(baseURL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("Authlab-Deliberately-Vulnerable") != "true" {
			t.Fatalf("%s: %s, vulnerable header %q", path, res.Status, res.Header.Get("Authlab-Deliberately-Vulnerable"))
		}
		if err := json.NewDecoder(res.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var toks struct{ Tokens map[string]string }
	var pub struct{ Keys map[string]string }
	getJSON("/lab/tokens", &toks)
	getJSON("/lab/keys", &pub)
	run := func(curl string) (string, string) {
		t.Helper()
		out, err := exec.Command("sh", "-c", curl).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %s\n%s", err, out, curl)
		}
		m := statusLine.FindAllStringSubmatch(string(out), -1)
		if m == nil {
			t.Fatalf("no status line in %q", out)
		}
		return m[len(m)-1][1], string(out)
	}
	strict, err := attack.ForAPI(toks.Tokens["access"], pub.Keys["lab-ec"], baseURL+"/api/protected", rand.Reader, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(strict) < 10 {
		t.Fatalf("only %d probes", len(strict))
	}
	for _, p := range strict {
		if code, out := run(p.Curl); code != "401" || !strings.Contains(out, `error="invalid_token"`) {
			t.Errorf("%s (%s) at /api/protected: %s\n%s", p.Name, p.Label, code, out)
		}
		naive, err := attack.ForAPI(toks.Tokens["access"], pub.Keys["lab-ec"], baseURL+"/lab/naive/"+p.Name, rand.Reader, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range naive {
			if q.Name != p.Name || q.Label != p.Label {
				continue
			}
			code, out := run(q.Curl)
			if code != "200" || !strings.Contains(out, `"accepted":true`) || !strings.Contains(strings.ToLower(out), "authlab-deliberately-vulnerable: true") {
				t.Errorf("%s (%s) at its naive endpoint: %s\n%s", q.Name, q.Label, code, out)
			}
		}
	}
}
