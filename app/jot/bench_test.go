package jot_test

import (
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// The benchmarks compare jot with golang-jwt doing the same work with its
// defaults: `go test -bench . -run '^$' ./app/jot`, natively or under
// GOOS=js GOARCH=wasm. Each has a jot and a golang-jwt sub-benchmark.

var benchClaims = map[string]any{"iss": "https://as.example", "aud": "api", "sub": "user-42",
	"iat": 1_700_000_000, "exp": 4_102_444_800, "jti": "0f8c3e1a", "scope": "read write"}

func benchToken(b *testing.B, alg string) (string, *keys.Key) {
	b.Helper()
	k := wbKeys()[alg]
	tok, err := jot.Sign(benchClaims, alg, k, nil)
	if err != nil {
		b.Fatal(err)
	}
	return tok, k
}

func BenchmarkDecode(b *testing.B) {
	tok, _ := benchToken(b, "ES256")
	b.Run("jot", func(b *testing.B) {
		for b.Loop() {
			if in := jot.Inspect(tok); in.Err() != nil {
				b.Fatal(in.Err())
			}
		}
	})
	b.Run("golang-jwt", func(b *testing.B) {
		p := jwt.NewParser()
		for b.Loop() {
			if _, _, err := p.ParseUnverified(tok, jwt.MapClaims{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	for _, alg := range jot.Algorithms() {
		tok, k := benchToken(b, alg)
		set := &keys.Set{}
		set.Add(&keys.Key{Kid: k.Kid, Public: k.Public})
		ks := jot.KeySet{Set: set}
		b.Run(alg+"/jot", func(b *testing.B) {
			for b.Loop() {
				if _, err := jot.Verify(tok, ks, jot.WithAlgorithms(alg)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(alg+"/golang-jwt", func(b *testing.B) {
			p := jwt.NewParser(jwt.WithValidMethods([]string{alg}))
			keyFunc := func(*jwt.Token) (any, error) { return k.Public, nil }
			for b.Loop() {
				if _, err := p.Parse(tok, keyFunc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSign(b *testing.B) {
	for _, alg := range jot.Algorithms() {
		k := wbKeys()[alg]
		b.Run(alg+"/jot", func(b *testing.B) {
			for b.Loop() {
				if _, err := jot.Sign(benchClaims, alg, k, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(alg+"/golang-jwt", func(b *testing.B) {
			method := jwt.GetSigningMethod(alg)
			for b.Loop() {
				t := jwt.NewWithClaims(method, jwt.MapClaims(benchClaims))
				t.Header["kid"] = k.Kid
				if _, err := t.SignedString(k.Private); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWorkbench is what the page does on each keystroke: inspect,
// check the signature and the claims with a parsed key, and lint.
func BenchmarkWorkbench(b *testing.B) {
	now := time.Unix(2_000_000_000, 0)
	for _, alg := range jot.Algorithms() {
		tok, k := benchToken(b, alg)
		set := &keys.Set{}
		set.Add(&keys.Key{Public: k.Public})
		km := &jot.KeyMaterial{Format: jot.FormatJWK, Set: set}
		b.Run(alg, func(b *testing.B) {
			for b.Loop() {
				in := jot.Inspect(tok)
				if v := jot.Check(in, km, jot.WithTimeFunc(func() time.Time { return now })); v.State != jot.StateValid {
					b.Fatal(v.Reason)
				}
				jot.Lint(in, jot.LintConfig{Now: now})
			}
		})
	}
}
