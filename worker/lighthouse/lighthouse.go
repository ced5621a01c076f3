// Package lighthouse runs Lighthouse, the npm package pinned in
// worker/package.json, on one page per process, in Debian's chromium, and
// reads its JSON report. The end-to-end tests and the front-end benchmark
// use it; the worker does not.
package lighthouse

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

var (
	// ErrNotInstalled is returned when worker/node_modules has no
	// Lighthouse (make npm).
	ErrNotInstalled = errors.New("lighthouse is not installed in node_modules (make npm)")
	// ErrNoChromium is returned when chromium is not on PATH (make browser).
	ErrNoChromium = errors.New("chromium is not on PATH (make browser)")
	// ErrRun is returned when Lighthouse could not audit the page.
	ErrRun = errors.New("lighthouse run failed")
)

// ChromeFlags are chromium's flags for every run: headless, and without
// the sandbox, which does not start as root.
const ChromeFlags = "--headless=new --no-sandbox"

// Options say what one run audits.
type Options struct {
	WorkerDir  string   // the folder whose node_modules has Lighthouse
	URL        string   // the page
	Categories []string // --only-categories; none for all
	// ErrorStatus lets Lighthouse audit a page answered with an error
	// status, such as the 404 page (--ignore-status-code).
	ErrorStatus bool
	// Flags are more chromium flags, such as those under which it
	// resolves a host name to a loopback port and trusts its certificate.
	Flags []string
}

// Run audits one page with the default settings, a mobile device with
// simulated throttling, and returns the report. CHROME_PATH points
// Lighthouse at Debian's chromium, so that it never fetches a browser of
// its own. The full-page screenshot, which no audit scores, is left out.
func Run(ctx context.Context, o Options) (*Report, error) {
	bin := filepath.Join(o.WorkerDir, "node_modules", ".bin", "lighthouse")
	if _, err := os.Stat(bin); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotInstalled, err)
	}
	chrome, err := exec.LookPath("chromium")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoChromium, err)
	}
	args := []string{o.URL, "--output=json", "--output-path=stdout", "--quiet",
		"--chrome-flags=" + chromeFlags(o.Flags), "--disable-full-page-screenshot"}
	if len(o.Categories) > 0 {
		args = append(args, "--only-categories="+strings.Join(o.Categories, ","))
	}
	if o.ErrorStatus {
		args = append(args, "--ignore-status-code")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var r Report
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return nil, fmt.Errorf("%w: %s: %v (exit: %v)\n%s", ErrRun, o.URL, err, runErr, tail(stderr.String()))
	}
	if r.RuntimeError != nil {
		return &r, fmt.Errorf("%w: %s: %s: %s", ErrRun, o.URL, r.RuntimeError.Code, r.RuntimeError.Message)
	}
	if runErr != nil {
		return &r, fmt.Errorf("%w: %s: %v\n%s", ErrRun, o.URL, runErr, tail(stderr.String()))
	}
	return &r, nil
}

// chromeFlags is the value of --chrome-flags: ChromeFlags and flags,
// where a flag's value with spaces is quoted, as Lighthouse splits the
// list at spaces outside quotes.
func chromeFlags(flags []string) string {
	all := []string{ChromeFlags}
	for _, f := range flags {
		if name, value, ok := strings.Cut(f, "="); ok && strings.Contains(value, " ") {
			f = name + `="` + value + `"`
		}
		all = append(all, f)
	}
	return strings.Join(all, " ")
}

// tail keeps the end of a long error output.
func tail(s string) string {
	const max = 2000
	if len(s) > max {
		return "…" + s[len(s)-max:]
	}
	return s
}
