package glue_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// TestEncodings runs encoding.mjs, as the worker deploys it, under Node:
// the twin of app.wasm a request gets follows its Accept-Encoding q-values
// (RFC 9110 §12.5.3), and brotli wins a tie whatever the list's order.
func TestEncodings(t *testing.T) {
	cases := []struct {
		accept string
		want   []string
	}{
		{"gzip, deflate, br, zstd", []string{"br", "gzip"}}, // Chrome's
		{"gzip, deflate, br", []string{"br", "gzip"}},       // Firefox's
		{"br;q=1.0, gzip;q=0.8, *;q=0.1", []string{"br", "gzip"}},
		{"gzip;q=1, br;q=0.5", []string{"gzip", "br"}},
		{"gzip, br;q=0", []string{"gzip"}},
		{"GZIP", []string{"gzip"}},
		{"*", []string{"br", "gzip"}},
		{"*;q=0, gzip", []string{"gzip"}},
		{"identity", []string{}},
		{"", []string{}},
		{"br;q=abc, gzip", []string{"gzip"}},
		{"br;q=2, gzip", []string{"gzip"}},
		{" br ; q=0.9 ,gzip ;q=0.9", []string{"br", "gzip"}},
		{"deflate, zstd", []string{}},
	}
	accepts := make([]string, len(cases))
	for i, c := range cases {
		accepts[i] = c.accept
	}
	in, err := json.Marshal(accepts)
	if err != nil {
		t.Fatal(err)
	}
	module, err := filepath.Abs("encoding.mjs")
	if err != nil {
		t.Fatal(err)
	}
	script := `const { encodings } = await import(process.argv[1]);
const accepts = JSON.parse(process.argv[2]);
console.log(JSON.stringify(accepts.map((a) => encodings(a).map((t) => t[0]))));`
	out, err := exec.Command("node", "--input-type=module", "-e", script, "file://"+module, string(in)).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("node printed %q: %v", out, err)
	}
	for i, c := range cases {
		if !reflect.DeepEqual(got[i], c.want) {
			t.Errorf("Accept-Encoding %q: twins %q, want %q", c.accept, got[i], c.want)
		}
	}
}
