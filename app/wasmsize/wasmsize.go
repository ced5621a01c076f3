// Package wasmsize measures a js/wasm build as the Makefile makes it, for
// the size budgets of the front end (wasm/size_test.go) and of the worker
// (worker/size_test.go).
package wasmsize

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/authlab/authlab/app/wasmdata"
)

// Of builds the main package in dir for js/wasm as the Makefile does
// (-trimpath, -ldflags=-s -w, and for the front end's modules
// wasm/mergedata when mergeData is set) into tmp, and returns the size of
// the binary raw and with gzip -9, in bytes.
func Of(dir, tmp string, mergeData bool) (raw, gzipped int64, err error) {
	out := filepath.Join(tmp, "app.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return 0, 0, fmt.Errorf("go build: %w\n%s", err, b)
	}
	if mergeData {
		if _, err := wasmdata.MergeFile(out, wasmdata.DefaultGap); err != nil {
			return 0, 0, err
		}
	}
	f, err := os.Open(out)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	var n counter
	zw, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	if raw, err = io.Copy(zw, f); err != nil {
		return 0, 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, 0, err
	}
	return raw, int64(n), nil
}

// counter counts the bytes written to it.
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}
