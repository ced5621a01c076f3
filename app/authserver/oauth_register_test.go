//go:build !js

package authserver_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/jot"
)

// TestRegistration covers RFC 7591 §3.2.1 answers and the defaults of §2.
func TestRegistration(t *testing.T) {
	s := oauthServer(t)
	t.Run("confidential", func(t *testing.T) {
		r := s.do(t, "POST", "/oauth/register", `{"client_name":"My app","redirect_uris":["https://app.example/cb"]}`)
		if r.Code != http.StatusCreated || !strings.HasPrefix(r.str("client_id"), "dyn_") || len(r.str("client_secret")) < 32 ||
			r.str("token_endpoint_auth_method") != "client_secret_basic" || r.JSON["client_secret_expires_at"] != float64(s.clock.Now().Add(24*time.Hour).Unix()) {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		if g, _ := r.JSON["grant_types"].([]any); len(g) != 1 || g[0] != "authorization_code" {
			t.Errorf("grant_types %v", r.JSON["grant_types"])
		}
		// The new client runs the flow with its secret.
		id, secret := r.str("client_id"), r.str("client_secret")
		code := s.code(t, set("client_id", id), set("redirect_uri", "https://app.example/cb"))
		tok := s.post(t, "/oauth/token", url.Values{"grant_type": {"authorization_code"}, "code": {code},
			"redirect_uri": {"https://app.example/cb"}, "code_verifier": {verifier}}, basicAuth(id, secret)...)
		if tok.Code != 200 || tok.str("refresh_token") != "" {
			t.Fatalf("exchange: %d %s (no refresh_token grant was registered)", tok.Code, tok.Body)
		}
	})
	t.Run("public", func(t *testing.T) {
		r := s.do(t, "POST", "/oauth/register", `{"redirect_uris":["http://127.0.0.1/cb"],"token_endpoint_auth_method":"none","grant_types":["authorization_code","refresh_token"]}`)
		if r.Code != http.StatusCreated || r.str("client_secret") != "" || r.str("client_name") != r.str("client_id") {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
	})
	t.Run("client credentials only", func(t *testing.T) {
		r := s.do(t, "POST", "/oauth/register", `{"grant_types":["client_credentials"],"token_endpoint_auth_method":"client_secret_post"}`)
		if r.Code != http.StatusCreated {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		tok := s.post(t, "/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {r.str("client_id")}, "client_secret": {r.str("client_secret")}})
		if tok.Code != 200 {
			t.Fatalf("%d %s", tok.Code, tok.Body)
		}
	})
}

// TestRegistrationErrors: invalid metadata is refused with the codes of
// RFC 7591 §3.2.2.
func TestRegistrationErrors(t *testing.T) {
	s := oauthServer(t)
	uris := make([]string, 11)
	for i := range uris {
		uris[i] = fmt.Sprintf(`"https://app.example/cb%d"`, i)
	}
	for _, c := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"no redirect_uris", `{"client_name":"x"}`, 400, "invalid_redirect_uri"},
		{"http, not loopback", `{"redirect_uris":["http://app.example/cb"]}`, 400, "invalid_redirect_uri"},
		{"fragment", `{"redirect_uris":["https://app.example/cb#x"]}`, 400, "invalid_redirect_uri"},
		{"relative", `{"redirect_uris":["/cb"]}`, 400, "invalid_redirect_uri"},
		{"custom scheme", `{"redirect_uris":["myapp:/cb"]}`, 400, "invalid_redirect_uri"},
		{"javascript", `{"redirect_uris":["javascript://x/%0aalert(1)"]}`, 400, "invalid_redirect_uri"},
		{"auth method", `{"redirect_uris":["https://a.example/cb"],"token_endpoint_auth_method":"private_key_jwt"}`, 400, "invalid_client_metadata"},
		{"password grant", `{"redirect_uris":["https://a.example/cb"],"grant_types":["password"]}`, 400, "invalid_client_metadata"},
		{"implicit grant", `{"redirect_uris":["https://a.example/cb"],"grant_types":["implicit"]}`, 400, "invalid_client_metadata"},
		{"token response type", `{"redirect_uris":["https://a.example/cb"],"response_types":["token"]}`, 400, "invalid_client_metadata"},
		{"public client_credentials", `{"grant_types":["client_credentials"],"token_endpoint_auth_method":"none"}`, 400, "invalid_client_metadata"},
		{"too many redirect_uris", `{"redirect_uris":[` + strings.Join(uris, ",") + `]}`, 400, "invalid_client_metadata"},
		{"long name", `{"redirect_uris":["https://a.example/cb"],"client_name":"` + strings.Repeat("n", 101) + `"}`, 400, "invalid_client_metadata"},
		{"not JSON", `redirect_uris=https://a.example/cb`, 400, "invalid_request"},
		{"wrong type", `{"redirect_uris":"https://a.example/cb"}`, 400, "invalid_request"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := s.do(t, "POST", "/oauth/register", c.body)
			if r.Code != c.status || r.str("error") != c.code {
				t.Fatalf("%d %s, want %d %s", r.Code, r.Body, c.status, c.code)
			}
			wantRefusedBySpec(t, r)
		})
	}
	if r := s.do(t, "POST", "/oauth/register", `{}`, "Content-Type", "", "Content-Type", formType); r.Code != http.StatusUnsupportedMediaType {
		t.Errorf("form body: %d %s", r.Code, r.Body)
	} else {
		wantRefusedBySpec(t, r)
	}
}

// TestRegistrationLimits: each registrant holds at most
// ClientsPerRegistrant live clients; clients expire after DynamicClientTTL
// and then neither work nor count.
func TestRegistrationLimits(t *testing.T) {
	s := oauthServer(t, behindEdge)
	const body = `{"redirect_uris":["https://app.example/cb"]}`
	var first string
	for i := 0; i < authserver.ClientsPerRegistrant; i++ {
		r := s.do(t, "POST", "/oauth/register", body, "CF-Connecting-IP", "198.51.100.7")
		if r.Code != http.StatusCreated {
			t.Fatalf("client %d: %d %s", i, r.Code, r.Body)
		}
		if i == 0 {
			first = r.str("client_id")
		}
	}
	r := s.do(t, "POST", "/oauth/register", body, "CF-Connecting-IP", "198.51.100.7")
	if r.Code != http.StatusTooManyRequests {
		t.Fatalf("client %d: %d %s", authserver.ClientsPerRegistrant+1, r.Code, r.Body)
	}
	if r := s.do(t, "POST", "/oauth/register", body, "CF-Connecting-IP", "198.51.100.8"); r.Code != http.StatusCreated {
		t.Fatalf("another registrant: %d %s", r.Code, r.Body)
	}
	s.clock.Advance(authserver.DynamicClientTTL + time.Second)
	q := authzParams(set("client_id", first), set("redirect_uri", "https://app.example/cb"))
	if rec := s.authorize(t, q); rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "unknown or expired") {
		t.Fatalf("expired client at authorize: %d", rec.Code)
	}
	wantOAuthError(t, s.post(t, "/oauth/token", url.Values{"grant_type": {"client_credentials"}}, basicAuth(first, "x")...), 401, "invalid_client")
	if r := s.do(t, "POST", "/oauth/register", body, "CF-Connecting-IP", "198.51.100.7"); r.Code != http.StatusCreated {
		t.Fatalf("after expiry: %d %s", r.Code, r.Body)
	}
}

// TestMetadata: RFC 8414 §2 metadata advertises only what is implemented.
// Both documents describe the ID tokens, whose alg a client checks against
// id_token_signing_alg_values_supported whichever document it read.
func TestMetadata(t *testing.T) {
	s := oauthServer(t)
	idToken := s.exchange(t, s.code(t)).str("id_token")
	idAlg := jot.Inspect(idToken).Alg()
	if idAlg == "" {
		t.Fatalf("no ID token alg in %q", idToken)
	}
	for _, path := range []string{"/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"} {
		r := s.do(t, "GET", path, "")
		if r.Code != 200 || r.str("issuer") != origin || r.str("token_endpoint") != origin+"/oauth/token" ||
			r.str("registration_endpoint") != origin+"/oauth/register" || r.JSON["authorization_response_iss_parameter_supported"] != true {
			t.Fatalf("%s: %d %s", path, r.Code, r.Body)
		}
		for field, want := range map[string][]string{
			"code_challenge_methods_supported":              {"S256"},
			"response_types_supported":                      {"code"},
			"grant_types_supported":                         {"authorization_code", "refresh_token", "client_credentials"},
			"introspection_endpoint_auth_methods_supported": {"client_secret_basic", "client_secret_post"},
			"id_token_signing_alg_values_supported":         {idAlg},
			"subject_types_supported":                       {"public"},
		} {
			var got []string
			list, _ := r.JSON[field].([]any)
			for _, v := range list {
				got = append(got, v.(string))
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s %s = %v, want %v", path, field, got, want)
			}
		}
	}
}

// TestRegistrationTotalLimit: at most MaxDynamicClients live clients in
// all, whoever registers them.
func TestRegistrationTotalLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("registers a thousand clients")
	}
	s := newServer(t, 1000, behindEdge)
	const body = `{"grant_types":["client_credentials"]}`
	for i := 0; i < authserver.MaxDynamicClients; i++ {
		ip := fmt.Sprintf("203.0.113.%d", i/authserver.ClientsPerRegistrant)
		if r := s.do(t, "POST", "/oauth/register", body, "CF-Connecting-IP", ip); r.Code != http.StatusCreated {
			t.Fatalf("client %d: %d %s", i, r.Code, r.Body)
		}
	}
	if r := s.do(t, "POST", "/oauth/register", body, "CF-Connecting-IP", "192.0.2.99"); r.Code != http.StatusTooManyRequests || r.str("error") != "too_many_requests" {
		t.Fatalf("client %d: %d %s", authserver.MaxDynamicClients+1, r.Code, r.Body)
	}
}
