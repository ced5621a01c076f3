//go:build !js

package authserver_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/authserver/openapitest"
)

// TestOpenAPIDocument reads /openapi.json as a client does: a valid
// OpenAPI 3.1 document (openapitest.New runs the validator's document
// check), in which every answer that has content has a schema, every
// operation with a body declares its media type, and the OAuth endpoints
// admit the client authentications they implement.
func TestOpenAPIDocument(t *testing.T) {
	s := newServer(t, 1000)
	r := s.do(t, "GET", "/openapi.json", "")
	if r.Code != http.StatusOK {
		t.Fatalf("%d %s", r.Code, r.Body)
	}
	if _, err := openapitest.New(r.Body.Bytes()); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage
		Components struct {
			Responses map[string]struct {
				Content map[string]struct{ Schema any }
			}
			RequestBodies map[string]struct {
				Content map[string]struct{ Schema any }
			}
		}
	}
	if err := json.Unmarshal(r.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	// Every component of openapi/*.json is in the document.
	var served struct{ Components map[string]map[string]any }
	if err := json.Unmarshal(r.Body.Bytes(), &served); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("openapi/*.json")
	if len(files) == 0 {
		t.Fatal("no openapi/*.json")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var part map[string]map[string]any
		if err := json.Unmarshal(b, &part); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for kind, named := range part {
			for name := range named {
				if served.Components[kind][name] == nil {
					t.Errorf("%s: %s %s is not in the document", f, kind, name)
				}
			}
		}
	}
	for name, resp := range doc.Components.Responses {
		for media, c := range resp.Content {
			if c.Schema == nil {
				t.Errorf("response %s: %s has no schema", name, media)
			}
		}
	}
	for name, body := range doc.Components.RequestBodies {
		if len(body.Content) == 0 {
			t.Errorf("request body %s declares no media type", name)
		}
	}
	var op struct {
		Security    []map[string][]string
		RequestBody struct {
			Ref string `json:"$ref"`
		}
		Parameters []struct {
			Ref string `json:"$ref"`
		}
	}
	for _, path := range []string{"/oauth/token", "/oauth/introspect", "/oauth/revoke"} {
		if err := json.Unmarshal(doc.Paths[path]["post"], &op); err != nil {
			t.Fatal(err)
		}
		basic, anonymous := false, false
		for _, req := range op.Security {
			if _, ok := req["clientSecretBasic"]; ok {
				basic = true
			}
			anonymous = anonymous || len(req) == 0
		}
		if !basic || !anonymous || op.RequestBody.Ref == "" {
			t.Errorf("%s: security %v, body %q; want client_secret_basic, or the form alone", path, op.Security, op.RequestBody.Ref)
		}
	}
	if err := json.Unmarshal(doc.Paths["/session/logout"]["post"], &op); err != nil {
		t.Fatal(err)
	}
	if len(op.Security) != 2 || len(op.Security[1]) != 0 {
		t.Errorf("/session/logout: security %v; it answers without a cookie too", op.Security)
	}
}

// TestOpenAPIChecks shows that the check that every test runs has teeth:
// exchanges that the document does not describe are reported, and the
// right ones are not.
func TestOpenAPIChecks(t *testing.T) {
	s := newServer(t, 1000)
	const js = "application/json"
	health := `{"status":"ok","database":"ok","time":1}`
	bearer := []string{"Authorization", "Bearer x"}
	authz := "/oauth/authorize?" + authzParams().Encode()
	key := `{"id":"1","prefix":"AAAAAAAA","name":"","daily_quota":5,"created_at":1,"use_count":0,"last_used_at":null,"revoked":false,` +
		`"key":"alk_AAAAAAAA_` + strings.Repeat("A", 43) + `","note":"shown once"`
	metadata := s.do(t, "GET", "/.well-known/oauth-authorization-server", "").Body.String()
	moreMetadata := strings.Replace(metadata, "{", `{"device_authorization_endpoint":"http://example.com/device",`, 1)
	for _, c := range []struct {
		name           string
		method, target string
		reqHeader      []string
		reqBody        string
		status         int
		resHeader      []string
		resBody        string
		wrong          bool
	}{
		{"a right answer", "GET", "/api/health", nil, "", 200, []string{"Content-Type", js}, health, false},
		{"a field the schema lacks", "GET", "/api/health", nil, "", 200, []string{"Content-Type", js}, `{"status":"ok","database":"ok","time":1,"uptime":5}`, true},
		{"a field missing", "GET", "/api/profile", bearer, "", 200, []string{"Content-Type", js}, `{"id":"1","username":"alice"}`, true},
		{"a new key", "POST", "/api/keys", append(slices.Clone(bearer), "Content-Type", js), "{}", 201, []string{"Content-Type", js}, key + "}", false},
		{"a new key with a field the schema lacks", "POST", "/api/keys", append(slices.Clone(bearer), "Content-Type", js), "{}", 201, []string{"Content-Type", js}, key + `,"owner":"alice"}`, true},
		{"metadata", "GET", "/.well-known/oauth-authorization-server", nil, "", 200, []string{"Content-Type", js}, metadata, false},
		{"metadata with a field the schema lacks", "GET", "/.well-known/oauth-authorization-server", nil, "", 200, []string{"Content-Type", js}, moreMetadata, true},
		{"a status not declared", "GET", "/api/health", nil, "", 418, []string{"Content-Type", js}, `{"error":"invalid_request","error_description":"x"}`, true},
		{"an error code not in the table", "GET", "/api/health", nil, "", 503, []string{"Content-Type", js}, `{"error":"oops","error_description":"x"}`, true},
		{"a 401 without its challenge", "GET", "/api/protected", bearer, "", 401, []string{"Content-Type", js}, `{"error":"invalid_token","error_description":"x"}`, true},
		{"a body on a 204", "DELETE", "/api/keys/1", bearer, "", 204, []string{"Content-Type", "text/plain"}, "done", true},
		{"a header not declared", "GET", "/api/health", nil, "", 200, []string{"Content-Type", js, "Retry-After", "5"}, health, true},
		{"a private key published", "GET", "/.well-known/jwks.json", nil, "", 200, []string{"Content-Type", "application/jwk-set+json"},
			`{"keys":[{"kty":"EC","use":"sig","alg":"ES256","kid":"k","crv":"P-256","x":"x","y":"y","d":"d"}]}`, true},
		{"JSON where a page is declared", "GET", authz, nil, "", 200, []string{"Content-Type", js}, `{}`, true},
		{"a session cookie without Secure", "POST", "/session/login", []string{"Content-Type", js}, credentials("alice", "pw"), 200,
			[]string{"Content-Type", js, "Set-Cookie", "__Host-authlab_session=" + strings.Repeat("a", 43) + "; Path=/; Max-Age=60; HttpOnly; SameSite=Lax"},
			`{"user":{"id":"1","username":"alice","created_at":1},"expires_at":2}`, true},
		{"an accepted request that the document refuses", "POST", "/oauth/token", []string{"Content-Type", js}, `{"grant_type":"client_credentials"}`, 200,
			[]string{"Content-Type", js}, `{"access_token":"a","token_type":"Bearer","expires_in":900,"scope":"api"}`, true},
		{"a refused request that the document refuses", "POST", "/oauth/token", []string{"Content-Type", js}, `{"grant_type":"client_credentials"}`, 400,
			[]string{"Content-Type", js}, `{"error":"invalid_request","error_description":"x"}`, false},
		{"an unknown path answered", "GET", "/nope", nil, "", 200, []string{"Content-Type", js}, `{}`, true},
		{"an unknown path refused", "GET", "/nope", nil, "", 404, []string{"Content-Type", js}, `{"error":"not_found","error_description":"x"}`, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(c.method, c.target, strings.NewReader(c.reqBody))
			for i := 0; i+1 < len(c.reqHeader); i += 2 {
				req.Header.Set(c.reqHeader[i], c.reqHeader[i+1])
			}
			res := &http.Response{StatusCode: c.status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(c.resBody))}
			for i := 0; i+1 < len(c.resHeader); i += 2 {
				res.Header.Set(c.resHeader[i], c.resHeader[i+1])
			}
			v := s.spec.Check(req, []byte(c.reqBody), res)
			if got := len(v.Problems()) > 0; got != c.wrong {
				t.Errorf("problems %q, want some: %v", v.Problems(), c.wrong)
			}
			if c.name == "a refused request that the document refuses" && len(v.Request) == 0 {
				t.Errorf("the document accepts a JSON token request")
			}
		})
	}
}
