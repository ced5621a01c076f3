//go:build !js

package main

import (
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/authlab/authlab/worker/budget"
)

// TestWorkerSize builds app.wasm as `make worker` does and fails when it
// is over the budget in worker/budget, raw or after gzip -9. With -short it
// is skipped: the build takes a few seconds even when cached.
func TestWorkerSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the worker")
	}
	out := filepath.Join(t.TempDir(), "app.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", out, ".")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var n countWriter
	zw, _ := gzip.NewWriterLevel(&n, gzip.BestCompression)
	raw, err := io.Copy(zw, f)
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	t.Logf("app.wasm: %d bytes raw (budget %d), %d with gzip -9 (budget %d)", raw, budget.WorkerRaw, n, budget.WorkerGzip)
	if raw > budget.WorkerRaw {
		t.Errorf("app.wasm is %d bytes, over the budget of %d", raw, budget.WorkerRaw)
	}
	if int64(n) > budget.WorkerGzip {
		t.Errorf("app.wasm is %d bytes with gzip -9, over the budget of %d", n, budget.WorkerGzip)
	}
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
