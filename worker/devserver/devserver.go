// Package devserver starts and stops `wrangler dev` (workerd with a local
// D1) for the end-to-end tests and the benchmark, and measures a cold
// start. Only tests and the benchmark import it; the worker does not.
package devserver

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

// Server is one running `wrangler dev`, or workerd started directly.
type Server struct {
	Name    string
	Base    string // http://127.0.0.1:port
	Cmd     *exec.Cmd
	LogPath string
	exited  chan struct{} // closed once the npm process has exited
	waitErr error
}

// env keeps wrangler offline and quiet: no metrics, no fetch of the
// Request.cf object from workers.cloudflare.com, no prompts, no colours.
var env = []string{
	"WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false",
	"CI=1", "NO_COLOR=1", "FORCE_COLOR=0",
}

// Wrangler returns `npm exec --no -- wrangler args...` run in workerDir,
// so that node_modules/.bin (wrangler and its pinned node) comes first on
// PATH and npm never downloads anything. Cancelling ctx kills its process
// group.
func Wrangler(ctx context.Context, workerDir string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, "npm", append([]string{"exec", "--no", "--", "wrangler"}, args...)...)
	cmd.Dir = workerDir
	cmd.Env = append(os.Environ(), env...)
	OwnGroup(cmd)
	return cmd
}

// Migrate applies the D1 migrations to a local database kept in state.
// config is the wrangler configuration file, "" for workerDir's own.
func Migrate(ctx context.Context, workerDir, config, state string) error {
	args := []string{"d1", "migrations", "apply", "DB", "--local", "--persist-to", state}
	if config != "" {
		args = append(args, "--config", config)
	}
	if out, err := Wrangler(ctx, workerDir, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("wrangler d1 migrations apply: %w\n%s", err, out)
	}
	return nil
}

// Options say how to start `wrangler dev`.
type Options struct {
	Name      string // names the server in logs
	WorkerDir string // the folder with wrangler.jsonc and node_modules
	Config    string // the wrangler configuration file, "" for WorkerDir's own
	State     string // where the local D1 lives (--persist-to)
	LogPath   string // where wrangler's output goes
	LogLevel  string // wrangler's --log-level; "info" logs the "Ready on" line that WaitLogReady reads
	Vars      []string
}

// Start starts `wrangler dev` on free loopback ports. The caller must
// call Stop.
func Start(ctx context.Context, o Options) (*Server, error) {
	port, err := FreePort()
	if err != nil {
		return nil, err
	}
	inspector, err := FreePort()
	if err != nil {
		return nil, err
	}
	s := &Server{Name: o.Name, Base: "http://127.0.0.1:" + strconv.Itoa(port), LogPath: o.LogPath, exited: make(chan struct{})}
	args := []string{"dev", "--persist-to", o.State, "--ip", "127.0.0.1", "--port", strconv.Itoa(port),
		"--inspector-ip", "127.0.0.1", "--inspector-port", strconv.Itoa(inspector),
		"--local", "--show-interactive-dev-session=false"}
	if o.Config != "" {
		args = append(args, "--config", o.Config)
	}
	if o.LogLevel != "" {
		args = append(args, "--log-level", o.LogLevel)
	}
	for _, v := range o.Vars {
		args = append(args, "--var", v)
	}
	s.Cmd = Wrangler(ctx, o.WorkerDir, args...)
	if err := s.start("wrangler dev"); err != nil {
		return nil, err
	}
	return s, nil
}

// start starts s.Cmd with its output in s.LogPath, and notes when it
// exits.
func (s *Server) start(what string) error {
	if err := os.MkdirAll(filepath.Dir(s.LogPath), 0o755); err != nil {
		return err
	}
	logFile, err := os.Create(s.LogPath)
	if err != nil {
		return err
	}
	defer logFile.Close() // the child holds its own descriptor
	s.Cmd.Stdout, s.Cmd.Stderr = logFile, logFile
	if err := s.Cmd.Start(); err != nil {
		return fmt.Errorf("start %s: %w", what, err)
	}
	go func() {
		s.waitErr = s.Cmd.Wait()
		close(s.exited)
	}()
	log.Printf("%s: %s on %s (pid %d, log %s)", s.Name, what, s.Base, s.Cmd.Process.Pid, s.LogPath)
	return nil
}

// WaitLogReady waits until wrangler logs "Ready on" (at log level info)
// and its port accepts TCP connections, without sending a request, so
// that the first request is the one a cold start measurement times. It
// fails when the process exits, wrangler logs an error (a failed build
// waits for a file change forever), ctx is done or timeout passes.
func (s *Server) WaitLogReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	addr := strings.TrimPrefix(s.Base, "http://")
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(s.LogPath)
		if strings.Contains(string(b), "[ERROR]") {
			return fmt.Errorf("wrangler dev reported an error\n%s", s.LogTail())
		}
		if strings.Contains(string(b), "Ready on") {
			if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
				c.Close()
				return nil
			}
		}
		if err := s.pause(ctx, 100*time.Millisecond); err != nil {
			return err
		}
	}
	return fmt.Errorf("wrangler dev was not ready within %s\n%s", timeout, s.LogTail())
}

// WaitReady polls GET /api/health until it answers 200, the process
// exits, wrangler logs an error, ctx is done or timeout passes.
func (s *Server) WaitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	client := &http.Client{Timeout: 5 * time.Second}
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.Base+"/api/health", nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		if b, _ := os.ReadFile(s.LogPath); strings.Contains(string(b), "[ERROR]") {
			return fmt.Errorf("wrangler dev reported an error\n%s", s.LogTail())
		}
		if err := s.pause(ctx, 250*time.Millisecond); err != nil {
			return err
		}
	}
	return fmt.Errorf("%s did not answer /api/health within %s\n%s", s.Name, timeout, s.LogTail())
}

// pause waits d, and fails early when ctx is done or the process exited.
func (s *Server) pause(ctx context.Context, d time.Duration) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-s.exited:
		return fmt.Errorf("%s exited: %v\n%s", s.Name, s.waitErr, s.LogTail())
	case <-time.After(d):
		return nil
	}
}

// Stop ends the whole process group: SIGTERM, then SIGKILL after 5
// seconds or once the leader is gone and anything of the group is left.
func (s *Server) Stop() {
	p := s.Cmd.Process
	if err := signalGroup(p, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
		log.Printf("%s: SIGTERM: %v", s.Name, err)
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
		log.Printf("%s: pid %d did not exit after SIGKILL", s.Name, p.Pid)
	}
}

// LogTail returns the last lines of the wrangler log.
func (s *Server) LogTail() string {
	b, err := os.ReadFile(s.LogPath)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > 30 {
		lines = lines[len(lines)-30:]
	}
	return "--- " + s.LogPath + " (tail)\n" + strings.Join(lines, "\n")
}

// FreePort asks the kernel for a free TCP port on the loopback address.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
