package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// server is one running `wrangler dev`.
type server struct {
	name    string
	base    string // http://127.0.0.1:port
	cmd     *exec.Cmd
	logPath string
	exited  chan struct{} // closed once the npm process has exited
	waitErr error
}

// wranglerEnv keeps wrangler offline and quiet: no metrics, no fetch of
// the Request.cf object from workers.cloudflare.com, no prompts, no colours.
var wranglerEnv = []string{
	"WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false",
	"CI=1", "NO_COLOR=1", "FORCE_COLOR=0",
}

// wrangler returns `npm exec --no -- wrangler args...` run in worker/, so
// that node_modules/.bin (wrangler and its pinned node) comes first on
// PATH, and npm never downloads anything. Cancelling ctx kills its process
// group.
func wrangler(ctx context.Context, cfg *config, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "npm", append([]string{"exec", "--no", "--", "wrangler"}, args...)...)
	cmd.Dir = cfg.worker()
	cmd.Env = append(os.Environ(), wranglerEnv...)
	ownGroup(cmd)
	return cmd
}

// migrate applies app/store/migrations to the variant's local D1.
func migrate(ctx context.Context, cfg *config, wranglerConfig, state string) error {
	cmd := wrangler(ctx, cfg, "d1", "migrations", "apply", "DB", "--local", "--config", wranglerConfig, "--persist-to", state)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("wrangler d1 migrations apply: %w\n%s", err, out)
	}
	return nil
}

// startWrangler starts `wrangler dev` for one variant on free loopback
// ports, logging to <state>.log. The caller must call stop.
func startWrangler(ctx context.Context, cfg *config, name, wranglerConfig, state, logLevel string) (*server, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	inspector, err := freePort()
	if err != nil {
		return nil, err
	}
	s := &server{
		name:    name,
		base:    "http://127.0.0.1:" + strconv.Itoa(port),
		logPath: state + ".log",
		exited:  make(chan struct{}),
	}
	if err := os.MkdirAll(filepath.Dir(s.logPath), 0o755); err != nil {
		return nil, err
	}
	logFile, err := os.Create(s.logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close() // the child holds its own descriptor
	s.cmd = wrangler(ctx, cfg, "dev", "--config", wranglerConfig, "--persist-to", state,
		"--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--inspector-ip", "127.0.0.1", "--inspector-port", strconv.Itoa(inspector),
		"--local", "--show-interactive-dev-session=false", "--log-level", logLevel)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start wrangler dev: %w", err)
	}
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()
	log.Printf("%s: wrangler dev on %s (pid %d, log %s)", name, s.base, s.cmd.Process.Pid, s.logPath)
	return s, nil
}

// waitLogReady waits until wrangler logs "Ready on" (which it does at log
// level info) and its port accepts TCP connections, without sending a
// request, so that the first request is the one that measureColdStart
// times: before that, wrangler's proxy accepts and holds requests. It fails when the process exits,
// wrangler logs an error (a failed build waits for a file change forever),
// ctx is done or timeout passes.
func (s *server) waitLogReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	addr := strings.TrimPrefix(s.base, "http://")
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(s.logPath)
		if strings.Contains(string(b), "[ERROR]") {
			return fmt.Errorf("wrangler dev reported an error\n%s", s.logTail())
		}
		if strings.Contains(string(b), "Ready on") {
			if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				c.Close()
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.exited:
			return fmt.Errorf("wrangler dev exited: %v\n%s", s.waitErr, s.logTail())
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("wrangler dev was not ready within %s\n%s", timeout, s.logTail())
}

// waitReady polls GET /api/health until it answers 200, the process exits,
// wrangler logs an error (a failed build waits for a file change forever),
// ctx is done or timeout passes.
func (s *server) waitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 5 * time.Second}
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/api/health", nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if b, _ := os.ReadFile(s.logPath); strings.Contains(string(b), "[ERROR]") {
			return fmt.Errorf("wrangler dev reported an error\n%s", s.logTail())
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.exited:
			return fmt.Errorf("wrangler dev exited: %v\n%s", s.waitErr, s.logTail())
		case <-time.After(250 * time.Millisecond):
		}
	}
	return fmt.Errorf("wrangler dev did not answer /api/health within %s\n%s", timeout, s.logTail())
}

// stop ends the whole process group: SIGTERM, then SIGKILL after 5 seconds
// or once the leader is gone and anything of the group is left.
func (s *server) stop() {
	p := s.cmd.Process
	if err := signalGroup(p, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		log.Printf("%s: SIGTERM: %v", s.name, err)
	}
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
	}
	if groupAlive(p) {
		signalGroup(p, syscall.SIGKILL)
	}
	select {
	case <-s.exited:
	case <-time.After(5 * time.Second):
		log.Printf("%s: pid %d did not exit after SIGKILL", s.name, p.Pid)
	}
}

// logTail returns the last lines of the wrangler log.
func (s *server) logTail() string {
	b, err := os.ReadFile(s.logPath)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return "--- " + s.logPath + " (tail)\n" + strings.Join(lines, "\n")
}

// freePort asks the kernel for a free TCP port on the loopback address.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
