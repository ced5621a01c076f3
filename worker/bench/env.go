package main

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// describeEnv lists what the numbers depend on: the machine, its load and
// the tool versions.
func describeEnv(cfg *config, loadBefore string) []string {
	env := []string{
		"date: " + time.Now().UTC().Format(time.RFC3339),
		fmt.Sprintf("machine: %s, %d CPUs, %s/%s", cpuModel(), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH),
		"load average (1, 5, 15 min) before the servers started: " + loadBefore + "; after the last round: " + loadAvg(),
		"source: " + sourceRevision(cfg),
		"go: " + runtime.Version(),
	}
	for _, pkg := range []string{"wrangler", "workerd", "node", "hono"} {
		env = append(env, pkg+": "+npmVersion(cfg, pkg))
	}
	out, _ := exec.Command("wrk", "-v").CombinedOutput() // wrk -v exits 1
	return append(env, "wrk: "+strings.TrimSpace(firstLine(string(out))))
}

// sourceRevision names the commit the workers were built from, and whether
// the Go sources or the glue had uncommitted changes.
func sourceRevision(cfg *config) string {
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = cfg.root
		out, err := cmd.Output()
		if err != nil {
			return "?"
		}
		return strings.TrimSpace(string(out))
	}
	rev := "commit " + git("rev-parse", "--short", "HEAD")
	if git("status", "--porcelain", "--", "app", "worker", "go.mod", "go.sum") != "" {
		rev += ", with uncommitted changes under app/, worker/ or go.mod"
	}
	return rev
}

// npmVersion reads the version of an installed package in worker/node_modules.
func npmVersion(cfg *config, pkg string) string {
	b, err := os.ReadFile(filepath.Join(cfg.worker(), "node_modules", pkg, "package.json"))
	if err != nil {
		return "unknown"
	}
	var p struct{ Version string }
	if json.Unmarshal(b, &p) != nil || p.Version == "" {
		return "unknown"
	}
	return p.Version
}

// loadAvg returns the first three fields of /proc/loadavg.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}

func cpuModel() string {
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

// wasmSize is one app.wasm's size raw and compressed; -1 means unknown.
type wasmSize struct {
	path              string
	raw, gzip, brotli int64
}

// wasmSizes measures the benchmarked app.wasm, those of the go-glue@<rev>
// variants and, when present, worker/build/app.wasm.
func wasmSizes(cfg *config, st *staged) []wasmSize {
	var sizes []wasmSize
	paths := []string{st.wasm}
	for _, v := range st.variants {
		if v.rev != "" {
			paths = append(paths, filepath.Join(filepath.Dir(st.wasm), v.name, "app.wasm"))
		}
	}
	for _, p := range append(paths, filepath.Join(cfg.worker(), "build", "app.wasm")) {
		b, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		rel, _ := filepath.Rel(cfg.root, p)
		sizes = append(sizes, wasmSize{path: rel, raw: int64(len(b)), gzip: gzipSize(b), brotli: brotliSize(p)})
	}
	return sizes
}

func gzipSize(b []byte) int64 {
	var n countWriter
	w, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return int64(n)
}

// brotliSize runs the brotli CLI at quality 11, or returns -1 without it.
func brotliSize(path string) int64 {
	out, err := exec.Command("brotli", "-c", "-q", "11", "--", path).Output()
	if err != nil {
		return -1
	}
	return int64(len(out))
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
