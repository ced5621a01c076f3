//go:build !js

package authserver_test

import (
	"context"
	"crypto/rand"
	"net/http"
	"testing"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/naivelab"
)

// TestLabIsolation throws every attack at its naive endpoint, which
// accepts it and says so, and then at every real Bearer route, which
// refuses it: nothing the lab accepts works anywhere else.
func TestLabIsolation(t *testing.T) {
	s := newServer(t, 1000)
	get := func(path string, header ...string) *response {
		t.Helper()
		r := s.do(t, "GET", path, "", header...)
		if r.Header().Get(authserver.VulnerableHeader) != "true" {
			t.Errorf("%s answered without %s", path, authserver.VulnerableHeader)
		}
		return r
	}
	toks := map[string]string{}
	for k, v := range get("/lab/tokens").JSON["tokens"].(map[string]any) {
		toks[k] = v.(string)
	}
	pub := map[string]string{}
	for k, v := range get("/lab/keys").JSON["keys"].(map[string]any) {
		pub[k] = v.(string)
	}
	must := func(a attack.Attack, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return a.Token
	}
	none, err := attack.AlgNone(toks["access"])
	if err != nil {
		t.Fatal(err)
	}
	secret, err := attack.Crack(context.Background(), toks["weak-secret"], attack.Words(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	attacks := map[string][]string{
		"none":          {none[0].Token, none[3].Token},
		"key-confusion": {must(attack.KeyConfusion(toks["access-rs256"], pub["lab-rsa"])), must(attack.KeyConfusion(toks["access"], pub["lab-ec"]))},
		"kid-traversal": {must(attack.KidTraversal(toks["access"]))},
		"kid-sql":       {must(attack.KidSQL(toks["access"]))},
		"jku":           {must(attack.JKU(toks["access"], rand.Reader)), must(attack.X5U(toks["access"], rand.Reader, s.clock.Now()))},
		"jwk":           {must(attack.EmbeddedJWK(toks["access"], rand.Reader))},
		"weak-secret":   {must(attack.Forge(toks["weak-secret"], secret))},
		"psychic":       {must(attack.Psychic(toks["access"]))},
		"claims":        {toks["expired"], toks["not-yet-valid"], toks["other-audience"], toks["other-issuer"]},
		"substitution":  {toks["id-token"], toks["refresh"]},
		"decode-only":   {must(attack.Tampered(toks["access"]))},
	}
	if len(attacks) != len(naivelab.Endpoints()) {
		t.Fatalf("%d attacks for %d endpoints", len(attacks), len(naivelab.Endpoints()))
	}
	// Every real route that takes a Bearer token and checks it. GET
	// /bearer, httpbin's, takes any token without checking it.
	real := []struct{ method, path, body string }{
		{"GET", "/api/protected", ""}, {"GET", "/api/profile", ""}, {"GET", "/api/keys", ""},
		{"POST", "/api/keys", `{"name":"lab"}`}, {"DELETE", "/api/keys/1", ""},
		{"GET", "/oauth/userinfo", ""}, {"POST", "/oauth/userinfo", ""},
	}
	for name, list := range attacks {
		for _, tok := range list {
			r := get("/lab/naive/"+name, "Authorization", "Bearer "+tok)
			if r.Code != http.StatusOK || r.JSON["accepted"] != true || r.str("mistake") == "" || r.str("reference") == "" {
				t.Errorf("%s refused its own attack: %d %s", name, r.Code, r.Body)
			}
			for _, rt := range real {
				got := s.do(t, rt.method, rt.path, rt.body, "Authorization", "Bearer "+tok)
				if got.Code != http.StatusUnauthorized || got.str("error") != "invalid_token" {
					t.Errorf("%s %s took the %s lab's token: %d %s", rt.method, rt.path, name, got.Code, got.Body)
				}
			}
		}
	}
	// The lab refuses what it should, with a challenge, and names only
	// its own endpoints.
	if r := get("/lab/naive/psychic", "Authorization", "Bearer "+toks["access-rs256"]); r.Code != http.StatusUnauthorized || r.Header().Get("WWW-Authenticate") == "" {
		t.Errorf("psychic with an RS256 token: %d %s", r.Code, r.Body)
	}
	if r := get("/lab/naive/nope", "Authorization", "Bearer "+toks["access"]); r.Code != http.StatusNotFound {
		t.Errorf("unknown lab endpoint: %d", r.Code)
	}
	if r := get("/lab/naive/none"); r.Code != http.StatusUnauthorized {
		t.Errorf("no token: %d", r.Code)
	}
}
