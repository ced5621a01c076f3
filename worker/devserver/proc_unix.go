//go:build unix

package devserver

import (
	"os"
	"os/exec"
	"syscall"
)

// OwnGroup makes cmd the leader of a new process group, so that stopGroup
// reaches every process it starts (npm → wrangler → workerd), and so that a
// Ctrl-C in the terminal reaches only this program, which then stops them.
func OwnGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return signalGroup(cmd.Process, syscall.SIGKILL) }
}

// signalGroup sends sig to the process group that p leads.
func signalGroup(p *os.Process, sig syscall.Signal) error {
	return syscall.Kill(-p.Pid, sig)
}

// groupAlive reports whether any process of p's group is left.
func groupAlive(p *os.Process) bool {
	return syscall.Kill(-p.Pid, 0) == nil
}
