package jot_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// moduleRoot walks up from the package directory (the working directory
// of go test, also under go_js_wasm_exec) to the directory holding go.mod.
func moduleRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package directory")
		}
		dir = parent
	}
}

// vectorsDir finds ../shared/vectors relative to the module root.
func vectorsDir(t testing.TB) string {
	t.Helper()
	v := filepath.Join(moduleRoot(t), "..", "shared", "vectors")
	if _, err := os.Stat(v); err != nil {
		t.Fatalf("shared vectors: %v", err)
	}
	return v
}

// loadVectors decodes the JSON file at path (relative to the vectors
// directory) into v.
func loadVectors(t testing.TB, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(vectorsDir(t), filepath.FromSlash(path)))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// rfcVector is one entry of rfc_vectors.json.
type rfcVector struct {
	HeaderJSON  string          `json:"header_json"`
	PayloadJSON string          `json:"payload_json"`
	PayloadText string          `json:"payload_text"`
	JWK         json.RawMessage `json:"jwk"`
	Token       string          `json:"token"`
}

func rfcVectors(t testing.TB) map[string]rfcVector {
	t.Helper()
	var all map[string]json.RawMessage
	loadVectors(t, "rfc_vectors.json", &all)
	out := map[string]rfcVector{}
	for name, raw := range all {
		var v rfcVector
		if json.Unmarshal(raw, &v) == nil && v.Token != "" {
			out[name] = v
		}
	}
	return out
}
