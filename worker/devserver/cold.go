package devserver

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/worker/procstat"
)

// ColdStart is what the first requests to a fresh `wrangler dev` took. By
// the time wrangler reports ready the isolate has loaded the worker's
// modules; the first request then starts the Go instance in the glue.
type ColdStart struct {
	First  time.Duration      // the first GET /api/health
	Warm   time.Duration      // the median of the next requests
	Timing map[string]float64 // the first response's Server-Timing, in ms
	// CPU is the CPU time (utime+stime) that workerd's processes spent
	// while the first request was served, or -1 when unknown: unlike
	// First, it hardly depends on what else the machine runs.
	CPU time.Duration
}

// MeasureColdStart times the first GET /api/health of s, which must be
// fresh and ready by WaitLogReady, with the CPU time of its workerd
// processes meanwhile, and then the median of warm more requests. Every
// request opens its own connection, so that all pay the same set-up.
func (s *Server) MeasureColdStart(ctx context.Context, warm int) (*ColdStart, error) {
	pids, _, _ := procstat.Workerd(s.Cmd.Process.Pid)
	c := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	get := func() (time.Duration, http.Header, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.Base+"/api/health", nil)
		if err != nil {
			return 0, nil, err
		}
		start := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return 0, nil, err
		}
		resp.Body.Close()
		d := time.Since(start)
		if resp.StatusCode != http.StatusOK {
			return 0, nil, fmt.Errorf("GET /api/health: %s", resp.Status)
		}
		return d, resp.Header, nil
	}
	before, errBefore := procstat.CPU(pids)
	first, h, err := get()
	if err != nil {
		return nil, err
	}
	cs := &ColdStart{First: first, CPU: -1, Timing: ParseServerTiming(h.Get("Server-Timing"))}
	if after, err := procstat.CPU(pids); len(pids) > 0 && errBefore == nil && err == nil {
		cs.CPU = after - before
	}
	var warmRuns []time.Duration
	for range max(warm, 1) {
		d, _, err := get()
		if err != nil {
			return nil, err
		}
		warmRuns = append(warmRuns, d)
	}
	cs.Warm = Median(warmRuns)
	return cs, nil
}

// ParseServerTiming reads "name;dur=1.5, other;dur=2" into milliseconds
// by name (W3C Server Timing).
func ParseServerTiming(v string) map[string]float64 {
	out := map[string]float64{}
	for _, metric := range strings.Split(v, ",") {
		parts := strings.Split(strings.TrimSpace(metric), ";")
		for _, p := range parts[1:] {
			if d, ok := strings.CutPrefix(strings.TrimSpace(p), "dur="); ok {
				if f, err := strconv.ParseFloat(d, 64); err == nil && parts[0] != "" {
					out[parts[0]] = f
				}
			}
		}
	}
	return out
}

// Median is the middle value of v, or the mean of the two middle ones
// for an even count, or 0 for none.
func Median[T ~float64 | ~int64](v []T) T {
	if len(v) == 0 {
		return 0
	}
	s := slices.Clone(v)
	slices.Sort(s)
	if n := len(s); n%2 == 0 {
		return (s[n/2-1] + s[n/2]) / 2
	}
	return s[len(s)/2]
}
