//go:build !js

package discovery_test

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/authlab/authlab/app/discovery"
)

// TestCurlJWKSFetchesTheKeySet runs the command offered when the browser
// could not read an issuer's metadata: with curl and sed in a shell, it
// prints the JWK Set the metadata's jwks_uri names, whether the metadata
// is pretty, minified or escapes its slashes, and a jwks_uri that looks
// like an option stays a URL.
func TestCurlJWKSFetchesTheKeySet(t *testing.T) {
	const jwks = `{"keys":[{"kty":"EC","kid":"k1"}]}`
	pwned := filepath.Join(t.TempDir(), "pwned")
	metadata := map[string]string{
		"/pretty/.well-known/openid-configuration":   "{\n  \"issuer\": \"https://example.com/pretty\",\n  \"jwks_uri\": \"https://example.com/keys\"\n}\n",
		"/minified/.well-known/openid-configuration": `{"issuer":"https://example.com/minified","jwks_uri":"https://example.com/keys","id_token_signing_alg_values_supported":["ES256"]}`,
		"/escaped/.well-known/openid-configuration":  `{"issuer":"https:\/\/example.com\/escaped","jwks_uri" : "https:\/\/example.com\/keys"}`,
		"/hostile/.well-known/openid-configuration":  `{"jwks_uri":"--output=` + pwned + `"}`,
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/keys" {
			w.Write([]byte(jwks))
			return
		}
		if body, ok := metadata[r.URL.Path]; ok {
			w.Write([]byte(body))
			return
		}
		http.NotFound(w, r)
	}))
	defer srv.Close()
	home := curlHome(t, srv)
	run := func(issuer string) (string, error) {
		cmd := exec.Command("sh", "-c", discovery.CurlJWKS("https://example.com"+issuer+"/.well-known/openid-configuration"))
		cmd.Env = append(os.Environ(), "HOME="+home, "CURL_HOME="+home)
		out, err := cmd.Output()
		return string(out), err
	}
	for _, issuer := range []string{"/pretty", "/minified", "/escaped"} {
		if out, err := run(issuer); err != nil || out != jwks {
			t.Errorf("%s: printed %q (%v), want the JWK Set", issuer, out, err)
		}
	}
	if out, err := run("/hostile"); err == nil || out != "" {
		t.Errorf("a jwks_uri like an option: printed %q (%v), want a failure", out, err)
	}
	if _, err := os.Stat(pwned); err == nil {
		t.Errorf("curl wrote the file the metadata named")
	}
}

// curlHome writes a .curlrc that sends example.com to srv (whose certificate names it) and trusts
// its certificate, so that the offered command runs unchanged.
func curlHome(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	home := t.TempDir()
	ca := filepath.Join(home, "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	rc := "connect-to = example.com:443:" + u.Hostname() + ":" + u.Port() + "\ncacert = " + ca + "\n"
	if err := os.WriteFile(filepath.Join(home, ".curlrc"), []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return home
}
