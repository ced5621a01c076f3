//go:build e2e

// Package e2e_test runs the built worker under a real `wrangler dev` (workerd
// with a local D1) and drives it over HTTP and from headless chromium.
// `make test` builds the worker and the site before running it.
package e2e_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// baseURL is the origin of the wrangler dev started by TestMain.
var baseURL string

// allowedOrigin is the one cross-origin site the worker is configured to
// allow, standing for a separately hosted copy of the pages.
const allowedOrigin = "https://pages.example"

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	stop, err := startWrangler()
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer stop()
	if err := checkExchanges(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	code := m.Run()
	if stray := strayDisagreements(); len(stray) > 0 {
		fmt.Fprintf(os.Stderr, "e2e: %d exchanges that no test reported disagree with /openapi.json:\n", len(stray))
		for _, s := range stray {
			fmt.Fprintln(os.Stderr, " ", s)
		}
		code = 1
	}
	return code
}

// workerDir is the worker folder, holding wrangler.jsonc and node_modules.
func workerDir() string {
	wd, _ := os.Getwd()
	return filepath.Dir(wd)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// wrangler runs a wrangler command from worker/, with node 22 from
// node_modules first on PATH, in its own process group.
func wrangler(ctx context.Context, logTo io.Writer, args ...string) *exec.Cmd {
	dir := workerDir()
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "node_modules", ".bin", "wrangler"), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"PATH="+filepath.Join(dir, "node_modules", ".bin")+string(os.PathListSeparator)+os.Getenv("PATH"),
		"WRANGLER_SEND_METRICS=false", "CI=true", "NO_COLOR=1")
	cmd.Stdout, cmd.Stderr = logTo, logTo
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	return cmd
}

// startWrangler migrates a fresh local D1 in a temporary folder and starts
// wrangler dev on a free loopback port. stop kills the whole process group
// and removes the folder.
func startWrangler() (stop func(), err error) {
	state, err := os.MkdirTemp("", "authlab-e2e-")
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(filepath.Join(state, "wrangler.log"))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	cleanup := func() { cancel(); logFile.Close(); os.RemoveAll(state) }
	migrate := wrangler(ctx, logFile, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state)
	if err := migrate.Run(); err != nil {
		cleanup()
		return nil, fmt.Errorf("migrations: %w (log in %s)", err, logFile.Name())
	}
	port, err := freePort()
	if err != nil {
		cleanup()
		return nil, err
	}
	dev := wrangler(ctx, logFile, "dev", "--ip", "127.0.0.1", "--port", fmt.Sprint(port),
		"--persist-to", state, "--show-interactive-dev-session=false", "--inspector-port", "0",
		"--var", "CORS_ORIGINS:"+allowedOrigin)
	if err := dev.Start(); err != nil {
		cleanup()
		return nil, err
	}
	stop = func() {
		syscall.Kill(-dev.Process.Pid, syscall.SIGKILL)
		dev.Wait()
		cleanup()
	}
	baseURL = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(baseURL + "/api/health")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return stop, nil
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	log, _ := os.ReadFile(logFile.Name())
	stop()
	return nil, fmt.Errorf("wrangler dev did not become healthy in 90 s; log:\n%s", tail(string(log), 4000))
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
