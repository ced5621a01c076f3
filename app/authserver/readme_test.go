//go:build !js

package authserver_test

import (
	"os"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/authserver"
)

// TestREADMEScopes checks that the README's scope table is the one in the
// code. AUTHLAB_WRITE_README=1 rewrites it.
func TestREADMEScopes(t *testing.T) {
	const path, begin, end = "../../README.md", "<!-- scopes:begin -->\n", "<!-- scopes:end -->"
	var b strings.Builder
	b.WriteString("| scope | the consent page says | routes |\n|---|---|---|\n")
	for _, sc := range authserver.Scopes() {
		b.WriteString("| `" + sc.Name + "` | " + sc.Consent + " | `" + strings.Join(sc.Routes, "`, `") + "` |\n")
	}
	readme, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, ok1 := strings.Cut(string(readme), begin)
	_, tail, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("README.md has no %q…%q section", begin, end)
	}
	want := head + begin + b.String() + end + tail
	if want == string(readme) {
		return
	}
	if os.Getenv("AUTHLAB_WRITE_README") == "1" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's scope table differs from the code's; run AUTHLAB_WRITE_README=1 go test -run TestREADMEScopes ./app/authserver. Want:\n%s", b.String())
}
