//go:build !js

// These tests listen on loopback sockets and run a shell, which js/wasm
// cannot; the in-memory site tests cover the same logic there.

package discovery_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/discovery"
)

// A real server and net/http: Keycloak-shaped metadata with a path in its
// issuer, served over loopback http.
func TestHTTPFetcher(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	iss := srv.URL + "/realms/x"
	meta := strings.ReplaceAll(testdata(t, "keycloak.json"), "https://sso.example.org", srv.URL)
	set := jwks(t, jwk(t, &ecKey(t).PublicKey, map[string]any{"kid": "kc-1", "alg": "ES256", "use": "sig"}))
	var accept string
	mux.HandleFunc("/realms/x/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		w.Write([]byte(meta))
	})
	mux.HandleFunc("/realms/x/protocol/openid-connect/certs", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(set))
	})
	r, err := discovery.Discover(context.Background(), discovery.HTTPFetcher(srv.Client()), iss, "kc-1", clock)
	if err != nil {
		t.Fatalf("Discover: %v %+v", err, r.Attempts)
	}
	if r.Key == nil || r.Key.Kid != "kc-1" || r.JWKSURL != srv.URL+"/realms/x/protocol/openid-connect/certs" || string(r.JWKS) != set || accept != "application/json" {
		t.Fatalf("report %+v accept %q", r, accept)
	}
	if !r.Has(discovery.FindingHTTP) || len(r.Findings) != 1 {
		t.Fatalf("findings %v", r.Findings)
	}
}

// HTTPFetcher's limits: the body size, the number of redirects, and no
// redirect from https to plain http.
func TestHTTPFetcherLimits(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(strings.Repeat(" ", discovery.MaxBody+100)))
	})
	mux.HandleFunc("/hop/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/hops/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/hops/%d", &n)
		if n < discovery.MaxRedirects {
			http.Redirect(w, r, fmt.Sprintf("/hops/%d", n+1), http.StatusFound)
			return
		}
		w.Write([]byte("{}"))
	})
	tls := httptest.NewTLSServer(http.RedirectHandler("http://issuer.example/x", http.StatusFound))
	defer tls.Close()

	fetch := discovery.HTTPFetcher(srv.Client())
	ctx := context.Background()
	if _, _, body, err := fetch(ctx, srv.URL+"/big"); err != nil || len(body) != discovery.MaxBody+1 {
		t.Fatalf("big: %d bytes, %v", len(body), err)
	}
	if _, _, _, err := fetch(ctx, srv.URL+"/hop/0"); !errors.Is(err, discovery.ErrTooMany) {
		t.Fatalf("endless redirects: %v", err)
	}
	if status, _, body, err := fetch(ctx, srv.URL+"/hops/0"); err != nil || status != 200 || string(body) != "{}" {
		t.Fatalf("%d redirects: %d %q %v", discovery.MaxRedirects, status, body, err)
	}
	if _, _, _, err := discovery.HTTPFetcher(tls.Client())(ctx, tls.URL); !errors.Is(err, discovery.ErrIssuer) {
		t.Fatalf("https to http: %v", err)
	}
	srv.Close()
	if _, _, _, err := fetch(ctx, srv.URL+"/big"); !errors.Is(err, discovery.ErrUnreadable) {
		t.Fatalf("a closed server: %v", err)
	}
}

// The curl command survives a POSIX shell: whatever the URL holds
// reaches curl as one argument, unexpanded.
func TestCurlQuoting(t *testing.T) {
	for _, u := range []string{
		"https://issuer.example/keys",
		"https://issuer.example/a'b",
		"https://issuer.example/$(touch /tmp/pwned)`id`;&|*?\"\\ \n",
	} {
		cmd := discovery.Curl(u)
		if !strings.HasPrefix(cmd, "curl ") || !strings.Contains(cmd, "--proto =https") {
			t.Fatalf("Curl(%q) = %s", u, cmd)
		}
		// Print the last argument instead of running curl.
		script := `curl() { for a; do last=$a; done; printf %s "$last"; }; ` + cmd
		out, err := exec.Command("sh", "-c", script).Output()
		if err != nil || string(out) != u {
			t.Fatalf("the shell read %q (%v), want %q", out, err, u)
		}
	}
	if strings.Contains(discovery.Curl("http://127.0.0.1:8787/k"), "--proto") {
		t.Fatal("an http URL gets --proto =https")
	}
}
