package jwtio

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/authlab/authlab/worker/devserver"
)

// Server is a running `next start` of a built jwt.io.
type Server struct {
	Base   string // http://127.0.0.1:port
	cmd    *exec.Cmd
	cancel context.CancelFunc
}

// Start serves the build in dir with `next start` on a free loopback
// port and waits until its home page answers. It listens as "localhost":
// under another name, such as 127.0.0.1, Next takes the middleware's
// rewrite of / to /en for one to another origin and proxies it, and the
// home page answers with a redirect to itself. Its output goes to log in
// dir. The caller must call Stop.
func Start(ctx context.Context, dir string) (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	logf, err := os.Create(filepath.Join(dir, "next-start.log"))
	if err != nil {
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(runCtx, filepath.Join(dir, "node_modules", ".bin", "next"), "start", "-H", "localhost", "-p", strconv.Itoa(port))
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, logf, logf
	cmd.Env = append(os.Environ(), "NEXT_TELEMETRY_DISABLED=1", "NODE_ENV=production")
	devserver.OwnGroup(cmd) // next start forks its renderer; Stop ends both
	if err := cmd.Start(); err != nil {
		cancel()
		logf.Close()
		return nil, err
	}
	s := &Server{Base: "http://127.0.0.1:" + strconv.Itoa(port), cmd: cmd, cancel: cancel}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if ctx.Err() != nil {
			break
		}
		res, err := http.Get(s.Base + "/")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.Stop()
	return nil, fmt.Errorf("jwt.io: next start did not answer on %s within a minute (see %s)", s.Base, logf.Name())
}

// Stop ends the server.
func (s *Server) Stop() {
	s.cancel()
	s.cmd.Wait()
}
