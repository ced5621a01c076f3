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
	// CheckerRaw bounds quickcheck.wasm uncompressed, in bytes. About
	// 1.1 MB of it are the zeros wasm/mergedata writes between the data
	// segments, which cost the wire almost nothing.
	CheckerRaw = 7_500_000
)

// TestEarlyCheckerSize builds quickcheck.wasm as `make site` does and fails
// when it is over the budget, raw or after gzip -9. With -short it is
// skipped: the build takes a few seconds even when cached.
func TestEarlyCheckerSize(t *testing.T) {
	wasmsize.Budget(t, ".", "quickcheck.wasm", true, CheckerRaw, CheckerGzip)
}
