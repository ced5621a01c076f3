//go:build !unix

package devserver

import (
	"os"
	"os/exec"
	"syscall"
)

// OwnGroup is a no-op where process groups do not exist; exec's default
// cancellation kills the direct child only.
func OwnGroup(cmd *exec.Cmd) {}

// signalGroup kills p itself.
func signalGroup(p *os.Process, sig syscall.Signal) error { return p.Kill() }

// groupAlive is always false: only p itself is tracked.
func groupAlive(p *os.Process) bool { return false }
