package jwe_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

// fixtureKey is a key as the generator wrote it: a JWK, PEM, or a
// secret in hex or UTF-8.
type fixtureKey struct {
	JWK  json.RawMessage `json:"jwk"`
	PEM  string          `json:"pem"`
	Hex  string          `json:"hex"`
	UTF8 string          `json:"utf8"`
}

func (k fixtureKey) material(t testing.TB) *jot.KeyMaterial {
	t.Helper()
	var km *jot.KeyMaterial
	switch {
	case k.JWK != nil:
		km = jot.ReadKey(string(k.JWK), jot.SecretUTF8)
	case k.PEM != "":
		km = jot.ReadKey(k.PEM, jot.SecretUTF8)
	case k.Hex != "":
		km = jot.ReadKey(k.Hex, jot.SecretHex)
	default:
		km = jot.ReadKey(k.UTF8, jot.SecretUTF8)
	}
	if km.Err != nil {
		t.Fatalf("reading the fixture key: %v", km.Err)
	}
	return km
}

type joseToken struct {
	Alg, Enc, Token, Plaintext, Note string
	Key                              fixtureKey
}

type joseFixtures struct {
	Package, Version string
	Tokens           []joseToken
}

func loadJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func loadJose(t testing.TB) joseFixtures {
	var f joseFixtures
	loadJSON(t, "jose.json", &f)
	if len(f.Tokens) == 0 {
		t.Fatal("jose.json has no tokens")
	}
	return f
}

// keyFor returns the first fixture key of the given alg.
func keyFor(t testing.TB, alg string) *jot.KeyMaterial {
	t.Helper()
	for _, tok := range loadJose(t).Tokens {
		if tok.Alg == alg {
			return tok.Key.material(t)
		}
	}
	t.Fatalf("no fixture key for %s", alg)
	return nil
}
