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
	wasmsize.Budget(t, ".", "app.wasm", false, budget.WorkerRaw, budget.WorkerGzip)
}
