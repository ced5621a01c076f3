//go:build !linux

package procstat

import (
	"errors"
	"time"
)

var errNoProc = errors.New("CPU time per request is measured from /proc, on Linux only")

// Workerd is unsupported off Linux.
func Workerd(root int) ([]int, int, error) { return nil, 0, errNoProc }

// CPU is unsupported off Linux.
func CPU(pids []int) (time.Duration, error) { return 0, errNoProc }
