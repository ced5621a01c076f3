//go:build !js

package main

import (
	"testing"

	"github.com/authlab/authlab/app/wasmsize"
)

// The early checker's size budget. It exists to arrive well before
// app.wasm: at 20 Mbit/s every megabyte is 0.4 s, and a checker that grew
// toward app.wasm's size would no longer be early.
const (
	// CheckerGzip bounds quickcheck.wasm compressed with gzip -9, in bytes.
	CheckerGzip = 2_000_000
	// CheckerRaw bounds quickcheck.wasm uncompressed, in bytes.
	CheckerRaw = 7_000_000
)

// TestEarlyCheckerSize builds quickcheck.wasm as `make site` does and fails
// when it is over the budget, raw or after gzip -9. With -short it is
// skipped: the build takes a few seconds even when cached.
func TestEarlyCheckerSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the early checker")
	}
	raw, n, err := wasmsize.Of(".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("quickcheck.wasm: %d bytes raw (budget %d), %d with gzip -9 (budget %d)", raw, CheckerRaw, n, CheckerGzip)
	if raw > CheckerRaw {
		t.Errorf("quickcheck.wasm is %d bytes, over the budget of %d", raw, CheckerRaw)
	}
	if n > CheckerGzip {
		t.Errorf("quickcheck.wasm is %d bytes with gzip -9, over the budget of %d", n, CheckerGzip)
	}
}
