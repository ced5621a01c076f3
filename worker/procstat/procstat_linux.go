//go:build linux

// Package procstat reads the CPU time of the workerd processes that
// wrangler dev starts, from /proc (proc(5)), for the benchmark and the
// cold-start budget test.
package procstat

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// procStat is the part of /proc/<pid>/stat that the CPU measurement reads.
type procStat struct {
	comm         string
	ppid         int
	utime, stime uint64 // clock ticks
}

// readStat parses /proc/<pid>/stat (proc(5)). comm may hold spaces and
// parentheses, so the fields are counted from its last ')'.
func readStat(pid int) (procStat, error) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return procStat{}, err
	}
	s := string(b)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || end < open {
		return procStat{}, fmt.Errorf("/proc/%d/stat: unexpected format", pid)
	}
	f := strings.Fields(s[end+1:]) // f[0] is field 3, state
	if len(f) < 13 {
		return procStat{}, fmt.Errorf("/proc/%d/stat: too few fields", pid)
	}
	st := procStat{comm: s[open+1 : end]}
	st.ppid, _ = strconv.Atoi(f[1])
	st.utime, _ = strconv.ParseUint(f[11], 10, 64)
	st.stime, _ = strconv.ParseUint(f[12], 10, 64)
	return st, nil
}

// Workerd returns the workerd processes below root: wrangler dev
// (node) starts two, one for its proxy on the port it serves and one that
// runs the worker and local D1, with the inspector. The second is the
// worker's runtime; worker is its pid.
func Workerd(root int) (all []int, worker int, err error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, 0, err
	}
	children := map[int][]int{}
	comm := map[int]string{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, err := readStat(pid)
		if err != nil {
			continue
		}
		children[st.ppid] = append(children[st.ppid], pid)
		comm[pid] = st.comm
	}
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		if strings.HasPrefix(comm[pid], "workerd") {
			all = append(all, pid)
			if cmd, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "cmdline")); strings.Contains(string(cmd), "--inspector-addr") {
				worker = pid
			}
		}
		queue = append(queue, children[pid]...)
	}
	if len(all) == 0 {
		return nil, 0, fmt.Errorf("no workerd process below pid %d", root)
	}
	return all, worker, nil
}

// CPU sums utime and stime of pids.
func CPU(pids []int) (time.Duration, error) {
	tick, err := clockTick()
	if err != nil {
		return 0, err
	}
	var ticks uint64
	for _, pid := range pids {
		st, err := readStat(pid)
		if err != nil {
			return 0, err
		}
		ticks += st.utime + st.stime
	}
	return time.Duration(ticks) * tick, nil
}

// clockTick is the length of one clock tick (sysconf(_SC_CLK_TCK)), read
// from the auxiliary vector's AT_CLKTCK; its entries are two 64-bit words
// on the 64-bit platforms this is meant for.
func clockTick() (time.Duration, error) {
	b, err := os.ReadFile("/proc/self/auxv")
	if err != nil {
		return 0, err
	}
	const atClkTck = 17
	for i := 0; i+16 <= len(b); i += 16 {
		key, val := binary.NativeEndian.Uint64(b[i:]), binary.NativeEndian.Uint64(b[i+8:])
		if key == atClkTck && val > 0 {
			return time.Second / time.Duration(val), nil
		}
	}
	return 0, errors.New("no AT_CLKTCK in /proc/self/auxv")
}
