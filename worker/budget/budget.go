// Package budget holds the worker's size budget: worker/size_test.go
// enforces it on an app.wasm built like `make worker` builds it, and the
// benchmark (worker/bench) reports against it.
package budget

// Cloudflare accepted a Free plan worker of up to 3 MB after gzip, and now
// 64 MiB uncompressed; the budget keeps well inside both.
const (
	// WorkerGzip bounds app.wasm compressed with gzip -9, in bytes.
	WorkerGzip = 2_500_000
	// WorkerRaw bounds app.wasm uncompressed, in bytes.
	WorkerRaw = 9_500_000
)
