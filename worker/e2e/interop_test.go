//go:build e2e

package e2e_test

import (
	"context"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nodeScript runs a script of testdata with the pinned node 22 from
// worker/node_modules, in worker/ so that its imports resolve there.
func nodeScript(ctx context.Context, script string, args ...string) *exec.Cmd {
	dir := workerDir()
	cmd := exec.CommandContext(ctx, filepath.Join(dir, "node_modules", ".bin", "node"),
		append([]string{filepath.Join(dir, "e2e", "testdata", script)}, args...)...)
	cmd.Dir = dir
	return cmd
}

// joseVerify runs the jose npm library on a token against the worker's
// published JWK Set.
func joseVerify(t *testing.T, token string) (map[string]any, error) {
	t.Helper()
	cmd := nodeScript(context.Background(), "jose-verify.mjs", baseURL+"/.well-known/jwks.json", token, baseURL)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, &exec.ExitError{Stderr: out}
	}
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("jose printed %q", out)
	}
	return got, nil
}

// TestTokensVerifyWithJose checks interoperability: tokens the worker
// issues verify with another JOSE implementation, and tampered ones fail.
func TestTokensVerifyWithJose(t *testing.T) {
	a := newAccount(t, "jose")
	got, err := joseVerify(t, a.access)
	if err != nil {
		t.Fatalf("jose refused a token the worker issued: %s", err.(*exec.ExitError).Stderr)
	}
	payload, _ := got["payload"].(map[string]any)
	header, _ := got["protectedHeader"].(map[string]any)
	if payload["preferred_username"] != a.name || header["alg"] != "ES256" || header["kid"] == nil {
		t.Fatalf("jose verified %v", got)
	}
	i := strings.LastIndex(a.access, ".") + 5
	flip := "A"
	if a.access[i:i+1] == "A" {
		flip = "B"
	}
	if _, err := joseVerify(t, a.access[:i]+flip+a.access[i+1:]); err == nil {
		t.Fatal("jose accepted a tampered token")
	}
}
