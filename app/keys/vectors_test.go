package keys_test

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// vectorsDir finds ../shared/vectors relative to the module root: it walks
// up from the package directory (the working directory of go test, also
// under go_js_wasm_exec) to the directory holding go.mod.
func vectorsDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package directory")
		}
		dir = parent
	}
	v := filepath.Join(dir, "..", "shared", "vectors")
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

// rfcJWK returns the jwk member of the named entry of rfc_vectors.json.
func rfcJWK(t testing.TB, name string) []byte {
	t.Helper()
	var all map[string]struct {
		JWK json.RawMessage `json:"jwk"`
	}
	loadVectors(t, "rfc_vectors.json", &all)
	v, ok := all[name]
	if !ok || len(v.JWK) == 0 {
		t.Fatalf("%s has no jwk in rfc_vectors.json", name)
	}
	return v.JWK
}

var b64 = base64.RawURLEncoding
