//go:build e2e

package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"
)

// oauth4webapiSteps are the steps testdata/oauth4webapi-flows.mjs reports,
// each a check that oauth4webapi or the script makes against the worker.
// "demo" is the confidential built-in client with client_secret_basic,
// "public" a public client registered by RFC 7591 that authenticates with
// its client_id alone (RFC 6749 §2.1) and relies on PKCE.
var oauth4webapiSteps = []string{
	"discovery (OpenID Connect)",
	"discovery (RFC 8414)",
	"demo/consent",
	"demo/authorization response",
	"demo/authorization response with another state is refused",
	"demo/authorization response without iss is refused",
	"demo/authorization response from another issuer is refused",
	"demo/code exchange",
	"demo/ID token signature",
	"demo/access token is an RFC 9068 JWT",
	"demo/userinfo",
	"demo/introspection of the access token",
	"demo/introspection of the refresh token",
	"demo/refresh",
	"demo/ID token from a refresh keeps the original authentication (OIDC Core §12.2)",
	"demo/the rotated refresh token is inactive",
	"demo/revocation of the access token",
	"demo/revocation of the refresh token",
	"demo/code replay is refused",
	"demo/client credentials",
	"demo/client credentials token is an RFC 9068 JWT",
	"public/registration (RFC 7591)",
	"public/consent",
	"public/authorization response",
	"public/authorization response with another state is refused",
	"public/authorization response without iss is refused",
	"public/authorization response from another issuer is refused",
	"public/code exchange",
	"public/ID token signature",
	"public/access token is an RFC 9068 JWT",
	"public/userinfo",
	"public/introspection of the access token",
	"public/introspection by a public client is refused (RFC 7662 §2.1)",
	"public/another client cannot revoke the token (RFC 7009 §2.1)",
	"public/refresh",
	"public/ID token from a refresh keeps the original authentication (OIDC Core §12.2)",
	"public/revocation of the access token",
	"public/revocation of the refresh token",
	"public/code replay is refused",
	"public/client credentials is refused for a public client",
}

// TestOAuth4WebAPI runs the authorization code flow with PKCE, refresh,
// userinfo, introspection, revocation and client credentials through
// oauth4webapi, a strict OpenID-certified client, with none of its checks
// relaxed beyond allowing loopback http.
func TestOAuth4WebAPI(t *testing.T) {
	a := newAccount(t, "o4w")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := nodeScript(ctx, "oauth4webapi-flows.mjs", baseURL, a.name, a.password, demoSecret)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s%s", err, out, stderr.Bytes())
	}
	reported := map[string]string{} // step → its error, "" when it passed
	for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
		var r struct {
			Step, Error string
			OK          bool
		}
		if err := json.Unmarshal(line, &r); err != nil || r.Step == "" || r.OK == (r.Error != "") {
			t.Fatalf("the script printed %q", line)
		}
		reported[r.Step] = r.Error
	}
	for _, name := range oauth4webapiSteps {
		t.Run(name, func(t *testing.T) {
			e, ok := reported[name]
			if !ok {
				t.Fatal("the script did not report this step")
			}
			if e != "" {
				t.Fatal(e)
			}
		})
		delete(reported, name)
	}
	for name := range reported {
		t.Errorf("the script reported a step this test does not list: %q", name)
	}
}
