//go:build !js

package authserver_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// TestJSONBodyMustBeAnObject sends bodies that are not a JSON object to
// every route whose OpenAPI operation requires a JSON body: each is
// refused with 400 invalid_request, and nothing is created from them.
func TestJSONBodyMustBeAnObject(t *testing.T) {
	s := newServer(t, 1000)
	s.register(t, "alice", "password123")
	tok := s.login(t, "alice", "password123")
	type body struct {
		Ref      string                     `json:"$ref"`
		Required bool                       `json:"required"`
		Content  map[string]json.RawMessage `json:"content"`
	}
	var doc struct {
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			RequestBodies map[string]body `json:"requestBodies"`
		} `json:"components"`
	}
	if err := json.Unmarshal(s.do(t, "GET", "/openapi.json", "").Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var routes []string
	for path, item := range doc.Paths {
		for method, raw := range item {
			var op struct {
				RequestBody *body `json:"requestBody"`
			}
			if json.Unmarshal(raw, &op) != nil || op.RequestBody == nil {
				continue
			}
			rb := *op.RequestBody
			if name, ok := strings.CutPrefix(rb.Ref, "#/components/requestBodies/"); ok {
				rb = doc.Components.RequestBodies[name]
			}
			if rb.Content["application/json"] != nil {
				if !rb.Required {
					t.Errorf("%s %s: the JSON body is optional; this test expects every one to be required", method, path)
				}
				routes = append(routes, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(routes)
	for _, want := range []string{"POST /api/keys", "POST /api/login", "POST /api/refresh", "POST /api/register", "POST /oauth/register", "POST /session/login"} {
		if !slices.Contains(routes, want) {
			t.Errorf("%s is not among the routes with a JSON body: %v", want, routes)
		}
	}
	bodies := []struct{ name, body string }{
		{"null", `null`},
		{"null in spaces", " null\n"},
		{"empty", ``},
		{"only spaces", "  \r\n\t"},
		{"array", `[]`},
		{"array of an object", `[{"username":"alice"}]`},
		{"string", `"x"`},
		{"number", `1`},
		{"boolean", `true`},
	}
	for _, route := range routes {
		method, path, _ := strings.Cut(route, " ")
		for _, b := range bodies {
			t.Run(route+"/"+b.name, func(t *testing.T) {
				r := s.do(t, method, path, b.body, "Authorization", "Bearer "+tok)
				if r.Code != http.StatusBadRequest || r.str("error") != "invalid_request" {
					t.Fatalf("%d %s, want 400 invalid_request", r.Code, r.Body)
				}
				if d := r.str("error_description"); !strings.Contains(d, "JSON object") {
					t.Errorf("description %q does not say that a JSON object is expected", d)
				}
			})
		}
	}
	if r := s.do(t, "GET", "/api/keys", "", "Authorization", "Bearer "+tok); strings.Contains(r.Body.String(), `"prefix"`) {
		t.Errorf("keys were created: %s", r.Body)
	}
}
