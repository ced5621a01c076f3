//go:build !js

package main

import (
	"testing"

	"github.com/authlab/authlab/app/wasmsize"
	"github.com/authlab/authlab/worker/budget"
)

// TestWorkerSize builds app.wasm as `make worker` does and fails when it
// is over the budget in worker/budget, raw or after gzip -9. With -short it
// is skipped: the build takes a few seconds even when cached.
func TestWorkerSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the worker")
	}
	raw, n, err := wasmsize.Of(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("app.wasm: %d bytes raw (budget %d), %d with gzip -9 (budget %d)", raw, budget.WorkerRaw, n, budget.WorkerGzip)
	if raw > budget.WorkerRaw {
		t.Errorf("app.wasm is %d bytes, over the budget of %d", raw, budget.WorkerRaw)
	}
	if n > budget.WorkerGzip {
		t.Errorf("app.wasm is %d bytes with gzip -9, over the budget of %d", n, budget.WorkerGzip)
	}
}
