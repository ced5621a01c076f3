//go:build !js

package main

import (
	"testing"

	"github.com/authlab/authlab/app/wasmsize"
)

// The front end's size budget. app.wasm is the first visit's cost: at
// 20 Mbit/s every megabyte is 0.4 s. The budget holds today's size with a
// little room, so that growth is a decision and not an accident.
const (
	// FrontGzip bounds app.wasm compressed with gzip -9, in bytes.
	FrontGzip = 4_400_000
	// FrontRaw bounds app.wasm uncompressed, in bytes.
	FrontRaw = 18_500_000
)

// TestFrontEndSize builds app.wasm as `make site` does and fails when it is
// over the budget, raw or after gzip -9. With -short it is skipped: the
// build takes a few seconds even when cached.
func TestFrontEndSize(t *testing.T) {
	wasmsize.Budget(t, ".", "app.wasm", true, FrontRaw, FrontGzip)
}
