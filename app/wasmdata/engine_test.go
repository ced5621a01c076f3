package wasmdata

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEngineSeesTheSameMemory merges a real Go js/wasm build and has V8
// (Node) instantiate both modules: the merged one must validate, and
// both must start with the same memory, byte for byte.
func TestEngineSeesTheSameMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a js/wasm program")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("node is not installed: the merged module cannot be checked by an engine (%v)", err)
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	prog := "package main\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\nvar table = map[string]int{\"a\": 1, \"b\": 2}\n\nfunc main() { fmt.Println(strings.Repeat(\"x\", table[\"a\"])) }\n"
	if err := os.WriteFile(src, []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	orig := filepath.Join(dir, "orig.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", orig, src)
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GO111MODULE=off")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	in, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	out, st, err := Merge(in, 4096)
	if err != nil {
		t.Fatal(err)
	}
	if st.Before < 100 || st.After >= st.Before/10 {
		t.Fatalf("%d → %d segments: Go's linker wrote fewer segments than expected, or Merge joined too few", st.Before, st.After)
	}
	merged := filepath.Join(dir, "merged.wasm")
	if err := os.WriteFile(merged, out, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := exec.Command(node, filepath.Join("testdata", "memory.cjs"), orig, merged).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, res)
	}
	lines := strings.Split(strings.TrimSpace(string(res)), "\n")
	if len(lines) != 2 || lines[0] != lines[1] {
		t.Fatalf("the engine's initial memories differ:\n%s", res)
	}
	t.Logf("%d → %d segments, %d zeros written; memory %s", st.Before, st.After, st.Zeros, lines[0])
}
