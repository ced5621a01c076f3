package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func testSet(t *testing.T) *keys.Set {
	t.Helper()
	k, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	j, err := keys.PrivateJWK(k.Private)
	if err != nil {
		t.Fatal(err)
	}
	j.Kid, j.Alg = k.Kid, k.Alg
	b, _ := json.Marshal(map[string]any{"keys": []*keys.JWK{j}})
	set, err := signingKeys([]byte("# dev\nSIGNING_KEYS='" + string(b) + "'\n"))
	if err != nil {
		t.Fatal(err)
	}
	return set
}

// TestDistinctTokens re-signs a worker's token: every copy verifies with
// the key, differs only in jti, and no two are alike.
func TestDistinctTokens(t *testing.T) {
	set := testSet(t)
	key := set.Keys[0]
	now := time.Now().Unix()
	claims := map[string]any{"aud": "authlab", "exp": now + 900, "iat": now, "iss": "http://127.0.0.1:1", "jti": "orig", "scope": "profile", "sub": "1"}
	token, err := jot.Sign(claims, "ES256", key, map[string]any{"typ": "at+jwt"})
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := distinctTokens(token, set, 50)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, tok := range tokens {
		if seen[tok] || tok == token {
			t.Fatalf("token repeated: %s", tok)
		}
		seen[tok] = true
		v, err := jot.Verify(tok, jot.KeySet{Set: set}, jot.WithType("at+jwt"), jot.WithAlgorithms("ES256"), jot.WithAudience("authlab"))
		if err != nil {
			t.Fatalf("%s: %v", tok, err)
		}
		for name, want := range claims {
			got := v.Claims[name]
			if name == "jti" {
				if got == "orig" || got == "" {
					t.Errorf("jti %v", got)
				}
				continue
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("%s = %v, want %v", name, got, want)
			}
		}
	}
}

// TestDistinctTokensFloor signs the floor's unsigned token with the
// first key under the workers' header.
func TestDistinctTokensFloor(t *testing.T) {
	set := testSet(t)
	floorToken := "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmbG9vciJ9.Zmxvb3I"
	tokens, err := distinctTokens(floorToken, set, 2)
	if err != nil {
		t.Fatal(err)
	}
	h, _ := base64.RawURLEncoding.DecodeString(strings.Split(tokens[0], ".")[0])
	if want := `{"alg":"ES256","kid":"` + set.Keys[0].Kid + `","typ":"at+jwt"}`; string(h) != want {
		t.Errorf("header %s, want %s", h, want)
	}
	if _, err := distinctTokens("not-a-token", set, 1); !errors.Is(err, errToken) {
		t.Errorf("%v, want errToken", err)
	}
}
