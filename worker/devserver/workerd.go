package devserver

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// WorkerdOptions say how to start workerd directly on a generated
// configuration (see package workerdconf), without wrangler dev and
// miniflare's entry worker in front of the worker.
type WorkerdOptions struct {
	Name    string // names the server in logs
	Workerd string // the workerd binary, as the npm package workerd installs it
	Config  string // the Cap'n Proto text configuration
	Base    string // http://host:port of the configuration's socket
	LogPath string // where workerd's output goes
	// CPUs, when set, pins workerd to these CPUs (taskset -c, e.g. "1").
	CPUs string
}

// WorkerdBinary is the workerd that wrangler runs, as npm installs it
// under workerDir.
func WorkerdBinary(workerDir string) string {
	return filepath.Join(workerDir, "node_modules", ".bin", "workerd")
}

// StartWorkerd starts `workerd serve --experimental` on o.Config: the
// experimental flag is what miniflare's D1 Durable Object needs. The
// process is workerd itself (taskset execs it), so its pid is the one
// whose CPU time the worker spends. The caller must call Stop.
func StartWorkerd(ctx context.Context, o WorkerdOptions) (*Server, error) {
	if _, err := os.Stat(o.Workerd); err != nil {
		return nil, fmt.Errorf("workerd: %w; run `make npm`", err)
	}
	s := &Server{Name: o.Name, Base: o.Base, LogPath: o.LogPath, exited: make(chan struct{})}
	args := []string{o.Workerd, "serve", "--experimental", o.Config}
	if o.CPUs != "" {
		args = append([]string{"taskset", "-c", o.CPUs}, args...)
	}
	s.Cmd = exec.CommandContext(ctx, args[0], args[1:]...)
	s.Cmd.Dir = filepath.Dir(o.Config)
	OwnGroup(s.Cmd)
	if err := s.start("workerd"); err != nil {
		return nil, err
	}
	return s, nil
}
