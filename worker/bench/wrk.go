package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/worker/devserver"
)

// wrkResult is what one wrk run measured.
type wrkResult struct {
	Requests     int
	ReqPerSec    float64
	P50, P99     time.Duration
	SocketErrors int           // connect + read + write + timeout
	StatusErrors int           // wrk's own "Non-2xx or 3xx responses": status ≥ 400
	Non2xx       int           // any status outside 200–299, counted by the Lua script
	CPUPerReq    time.Duration // CPU time of the worker's own workerd per request, 0 when unknown
	Output       string
}

// valid reports whether the run may be quoted: it completed requests, all
// of them 2xx, without a socket error.
func (r *wrkResult) valid() bool {
	return r != nil && r.Requests > 0 && r.SocketErrors == 0 && r.StatusErrors == 0 && r.Non2xx == 0
}

// writeScript writes a wrk Lua script to a temporary file in the run's
// build directory and returns its path.
func writeScript(cfg *config, script string) (string, error) {
	f, err := os.CreateTemp(cfg.build(), "wrk-*.lua")
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(script); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// runWrk runs `wrk --latency` against url for d, on the CPUs of
// -load-cpus, and parses its report.
func runWrk(ctx context.Context, cfg *config, d time.Duration, script, url string) (*wrkResult, error) {
	args := []string{
		"-t" + strconv.Itoa(cfg.threads), "-c" + strconv.Itoa(cfg.conns),
		"-d" + strconv.Itoa(int(d.Round(time.Second).Seconds())) + "s",
		"--timeout", strconv.Itoa(int(cfg.timeout.Round(time.Second).Seconds())) + "s",
		"--latency", "-s", script, url,
	}
	name := "wrk"
	if cfg.loadCPUs != "" {
		name, args = "taskset", append([]string{"-c", cfg.loadCPUs, "wrk"}, args...)
	}
	cmd := exec.CommandContext(ctx, name, args...)
	devserver.OwnGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("wrk %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return parseWrk(string(out))
}

var (
	reRequests = regexp.MustCompile(`(?m)^\s*(\d+) requests in `)
	reRPS      = regexp.MustCompile(`(?m)^Requests/sec:\s+([0-9.]+)`)
	reP50      = regexp.MustCompile(`(?m)^\s+50%\s+([0-9.]+)(us|ms|s|m|h)\s*$`)
	reP99      = regexp.MustCompile(`(?m)^\s+99%\s+([0-9.]+)(us|ms|s|m|h)\s*$`)
	reSocket   = regexp.MustCompile(`(?m)^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	reStatus   = regexp.MustCompile(`(?m)^\s*Non-2xx or 3xx responses: (\d+)`)
	reNon2xx   = regexp.MustCompile(`(?m)^bench non2xx (\d+)$`)
)

// parseWrk reads wrk's text report. The lines for socket errors and
// non-2xx responses appear only when there were some; the script's own
// non-2xx line is required, so a run without the script is refused.
func parseWrk(out string) (*wrkResult, error) {
	r := &wrkResult{Output: out}
	m := reRequests.FindStringSubmatch(out)
	rps := reRPS.FindStringSubmatch(out)
	p50 := reP50.FindStringSubmatch(out)
	p99 := reP99.FindStringSubmatch(out)
	non2xx := reNon2xx.FindStringSubmatch(out)
	if m == nil || rps == nil || p50 == nil || p99 == nil || non2xx == nil {
		return nil, fmt.Errorf("cannot parse the wrk report:\n%s", out)
	}
	r.Requests, _ = strconv.Atoi(m[1])
	r.ReqPerSec, _ = strconv.ParseFloat(rps[1], 64)
	r.P50 = wrkDuration(p50[1], p50[2])
	r.P99 = wrkDuration(p99[1], p99[2])
	r.Non2xx, _ = strconv.Atoi(non2xx[1])
	if s := reSocket.FindStringSubmatch(out); s != nil {
		for _, n := range s[1:] {
			v, _ := strconv.Atoi(n)
			r.SocketErrors += v
		}
	}
	if s := reStatus.FindStringSubmatch(out); s != nil {
		r.StatusErrors, _ = strconv.Atoi(s[1])
	}
	return r, nil
}

// wrkDuration converts wrk's "4.90ms" style (units us, ms, s, m, h).
func wrkDuration(num, unit string) time.Duration {
	v, _ := strconv.ParseFloat(num, 64)
	scale := map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second, "m": time.Minute, "h": time.Hour}[unit]
	return time.Duration(math.Round(v * float64(scale)))
}

// summary is one line for logs.
func (r *wrkResult) summary() string {
	return fmt.Sprintf("%.1f req/s, p50 %s, p99 %s, %d requests, %d non-2xx, %d socket errors, %s CPU per request in the worker's workerd",
		r.ReqPerSec, r.P50, r.P99, r.Requests, r.Non2xx, r.SocketErrors, ms(r.CPUPerReq))
}
