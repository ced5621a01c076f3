//go:build e2e

package e2e_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/authlab/authlab/worker/devserver"
)

// TestWasmEncodingByQValue asks the worker for app.wasm with
// Accept-Encoding values that rank one coding above the others (RFC 9110
// §12.5.3): each gets that twin, byte for byte the file the build wrote.
// The gzip answer is compared once decoded: workerd may pass a gzip body
// on re-encoded at its own level. A tie, such as Chrome's "gzip, deflate, br, zstd", is not asked here:
// wrangler dev's front, like Cloudflare's, may re-encode the answer to the
// coding it prefers, so the worker's own choice there is tested in
// worker/glue and where workerd runs the worker without that front.
func TestWasmEncodingByQValue(t *testing.T) {
	web := filepath.Join(filepath.Dir(workerDir()), "web")
	wasm, err := os.ReadFile(filepath.Join(web, "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		accept, encoding, file string
	}{
		{"br", "br", "app.wasm.br"},
		{"br;q=1, gzip;q=0.5", "br", "app.wasm.br"},
		{"gzip;q=1, br;q=0.5", "gzip", "app.wasm.gz"},
		{"gzip, br;q=0", "gzip", "app.wasm.gz"},
		{"identity", "", "app.wasm"},
	} {
		res, err := devserver.GetEncoded(context.Background(), baseURL+"/web/app.wasm", c.accept)
		if err != nil {
			t.Fatal(err)
		}
		body := res.Body
		want, err := os.ReadFile(filepath.Join(web, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusOK || res.Encoding != c.encoding {
			t.Errorf("Accept-Encoding %q: %d with Content-Encoding %q, want 200 with %q", c.accept, res.Status, res.Encoding, c.encoding)
			continue
		}
		if c.encoding == "gzip" {
			body, want = gunzip(t, body), wasm
		}
		if !bytes.Equal(body, want) {
			t.Errorf("Accept-Encoding %q: %d bytes, not %s's %d", c.accept, len(body), c.file, len(want))
		}
		if c.encoding != "" && !strings.Contains(strings.ToLower(res.Vary), "accept-encoding") {
			t.Errorf("Accept-Encoding %q: Vary %q does not name Accept-Encoding", c.accept, res.Vary)
		}
	}
}

// gunzip decodes a gzip body, failing the test if it is not one.
func gunzip(t *testing.T, body []byte) []byte {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return out
}

// TestSmallModulesBrotli asks the worker for the site's other modules,
// the JWT workbench's early checker and the attack lab's cracker, with
// brotli ranked first: each gets its brotli twin, byte for byte, under
// the site's root as under any base path run_worker_first names.
func TestSmallModulesBrotli(t *testing.T) {
	web := filepath.Join(filepath.Dir(workerDir()), "web")
	for _, name := range []string{"quickcheck.wasm", "crack.wasm"} {
		want, err := os.ReadFile(filepath.Join(web, name+".br"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := devserver.GetEncoded(context.Background(), baseURL+"/web/"+name, "br;q=1, gzip;q=0.5")
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != http.StatusOK || res.Encoding != "br" {
			t.Errorf("%s: %d with Content-Encoding %q, want 200 with br", name, res.Status, res.Encoding)
			continue
		}
		if !bytes.Equal(res.Body, want) {
			t.Errorf("%s: %d bytes, not its brotli twin's %d", name, len(res.Body), len(want))
		}
	}
}
