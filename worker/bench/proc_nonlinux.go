//go:build !linux

package main

import (
	"errors"
	"time"
)

var errNoProc = errors.New("CPU time per request is measured from /proc, on Linux only")

func workerdPIDs(root int) ([]int, int, error)  { return nil, 0, errNoProc }
func cpuTime(pids []int) (time.Duration, error) { return 0, errNoProc }
