//go:build e2e

package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// snippetRuntimes run the code the pages show, for real, against the
// demo server. A missing runtime fails the test: the snippets must be
// proven, not skipped.
var snippetRuntimes = []struct {
	lang, file string
	cmd        func(path string) *exec.Cmd
}{
	{"curl", "snippet.sh", func(p string) *exec.Cmd { return exec.Command("sh", p) }},
	{"python", "snippet.py", func(p string) *exec.Cmd { return exec.Command("python3", p) }},
	{"go", "main.go", func(p string) *exec.Cmd { return exec.Command("go", "run", p) }},
}

func requireSnippetRuntimes(t *testing.T) {
	t.Helper()
	for _, c := range []string{"sh", "curl", "python3", "go"} {
		if _, err := exec.LookPath(c); err != nil {
			t.Fatalf("%s is not installed, so the page's snippets cannot be run: %v", c, err)
		}
	}
	if out, err := exec.Command("python3", "-c", "import requests").CombinedOutput(); err != nil {
		t.Fatalf("python3 cannot import requests; install Debian's python3-requests (apt-get install -y python3-requests): %v\n%s", err, out)
	}
}

var snippetStatus = regexp.MustCompile(`(?m)^(?:HTTP/[\d.]+ )?(\d{3})(?: |$)`)

// lastSnippetStatus returns the last status code a snippet printed.
func lastSnippetStatus(out string) string {
	m := snippetStatus.FindAllStringSubmatch(out, -1)
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1][1]
}

// runSnippet runs code with one runtime in a fresh folder.
func runSnippet(t *testing.T, lang, file string, cmd func(string) *exec.Cmd, code string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, file)
	if err := os.WriteFile(path, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	c := cmd(path)
	c.Dir = dir
	c.Env = append(os.Environ(), "GOFLAGS=", "GOTOOLCHAIN=local")
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("%s snippet failed: %v\n%s\n--- snippet:\n%s", lang, err, out, code)
	}
	return string(out)
}

// runInBrowser runs a fetch snippet in the page, with console.log captured.
func runInBrowser(b *uiTab, code string) string {
	var out string
	b.eval(fmt.Sprintf(`(async () => {
		const lines = [];
		const console = { log: (...a) => lines.push(a.join(" ")) };
		%s
		return lines.join("\n");
	})()`, code), &out)
	return out
}

// TestPageSnippetsRunForReal drives each page's live request, then runs
// the curl, Python, Go and JavaScript code the page shows for it.
func TestPageSnippetsRunForReal(t *testing.T) {
	requireSnippetRuntimes(t)
	b := uiBrowser(t)
	type shown struct{ name, exchange, status string }
	check := func(s shown) {
		t.Run(s.name, func(t *testing.T) {
			for _, rt := range snippetRuntimes {
				code := b.snippet(s.exchange, rt.lang)
				if got := lastSnippetStatus(runSnippet(t, rt.lang, rt.file, rt.cmd, code)); got != s.status {
					t.Errorf("%s: status %s, want %s\n%s", rt.lang, got, s.status, code)
				}
			}
			code := b.snippet(s.exchange, "js")
			out := runInBrowser(b, code)
			if got := lastSnippetStatus(out); got != s.status {
				t.Errorf("js: status %s, want %s\n%s\n--- snippet:\n%s", got, s.status, out, code)
			}
		})
	}

	b.open("/basic")
	b.setValue("#basic-user", "jürgen")
	b.setValue("#basic-pass", "pa:ss w/ 'quotes'")
	b.click("#basic-try")
	b.waitText("#basic-try-2 .http-res", "HTTP 200")
	check(shown{"basic", "basic-try-2", "200"})

	b.open("/bearer-token")
	b.setValue("#bearer-login-user", uniqueName("snip"))
	b.click("#bearer-login-submit")
	b.waitText("#bearer-login-status", "Logged in as")
	b.click("#bearer-valid")
	b.waitText("#bearer-result-0", "→ 200")
	check(shown{"bearer", "bearer-result-0", "200"})

	b.open("/apikey")
	b.setValue("#apikey-login-user", uniqueName("snipkey"))
	b.click("#apikey-login-submit")
	b.waitText("#apikey-login-status", "Logged in as")
	b.setValue("#apikey-quota", "50")
	b.click("#apikey-create")
	b.waitText("#apikey-secret", "alk_")
	check(shown{"create key", "apikey-created", "201"})
	b.click("#apikey-send-header")
	b.waitText("#apikey-send-0 .http-res", "HTTP 200")
	check(shown{"key in header", "apikey-send-0", "200"})
	b.click("#apikey-send-query")
	b.waitText("#apikey-send-0 .http-req", "api_key=")
	check(shown{"key in query", "apikey-send-0", "200"})

	b.open("/session")
	b.setValue("#session-user", uniqueName("snipsess"))
	b.click("#session-login")
	b.waitText("#session-step-0", "→ 200")
	b.click("#session-me")
	b.waitText("#session-step-0", "GET /session/me → 200")
	check(shown{"session me", "session-step-0", "200"})

	b.open("/oauth")
	b.click("#cc-token")
	b.waitText("#x-cc-token-response", "HTTP/1.1 200")
	check(shown{"oauth client credentials", "x-cc-token", "200"})
	b.click("#cc-call")
	b.waitText("#x-cc-api-response", "HTTP/1.1 200")
	check(shown{"oauth bearer call", "x-cc-api", "200"})
}
