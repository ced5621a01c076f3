package wasmsize

import "testing"

// Budget builds the main package in dir as Of does (mergeData as there) and fails t when the
// module, named name in the messages, is over raw bytes uncompressed or
// over gzipped bytes with gzip -9. With -short it skips t: the build takes
// a few seconds even when cached.
func Budget(t *testing.T, dir, name string, mergeData bool, raw, gzipped int64) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds " + name)
	}
	r, n, err := Of(dir, t.TempDir(), mergeData)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes raw (budget %d), %d with gzip -9 (budget %d)", name, r, raw, n, gzipped)
	if r > raw {
		t.Errorf("%s is %d bytes, over the budget of %d", name, r, raw)
	}
	if n > gzipped {
		t.Errorf("%s is %d bytes with gzip -9, over the budget of %d", name, n, gzipped)
	}
}
