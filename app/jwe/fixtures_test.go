package jwe_test

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
)

// TestJoseNPM decrypts tokens that the jose npm package made, for every
// alg/enc pair the package accepts, with keys written as JWK, PEM or hex.
func TestJoseNPM(t *testing.T) {
	f := loadJose(t)
	pairs := map[string]bool{}
	for _, tok := range f.Tokens {
		t.Run(tok.Alg+"/"+tok.Enc+"/"+tok.Note, func(t *testing.T) {
			r, err := jwe.Decrypt(tok.Token, tok.Key.material(t))
			if tok.Note == "refused" {
				if !errors.Is(err, jwe.ErrPBES2) || !errors.Is(err, jwe.ErrRefused) {
					t.Fatalf("%s: err = %v, want ErrPBES2 and ErrRefused", tok.Alg, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decrypt: %v", err)
			}
			if string(r.Plaintext) != tok.Plaintext || r.Alg != tok.Alg || r.Enc != tok.Enc {
				t.Fatalf("got %s %s %q, want %s %s %q", r.Alg, r.Enc, r.Plaintext, tok.Alg, tok.Enc, tok.Plaintext)
			}
			if tok.Note == "nested" {
				if !r.Nested || r.Inner != tok.Plaintext || r.Claims != nil {
					t.Fatalf("nested: Nested %v Inner %q Claims %v", r.Nested, r.Inner, r.Claims)
				}
				secret := jot.ReadKey("nested-jws-hmac-secret-32-bytes!!", jot.SecretUTF8)
				v, err := jot.Verify(r.Inner, jot.KeySet{Set: secret.Set}, jot.WithSignatureOnly())
				if err != nil {
					t.Fatalf("the inner JWS does not verify: %v", err)
				}
				if string(v.Payload) != `{"sub":"nested"}` {
					t.Fatalf("inner payload %s", v.Payload)
				}
				return
			}
			if r.Nested || r.Claims["sub"] != "jose-npm" {
				t.Fatalf("Nested %v Claims %v", r.Nested, r.Claims)
			}
			pairs[tok.Alg+" "+tok.Enc] = true
		})
	}
	if want := len(jwe.KeyAlgorithms()) * len(jwe.ContentEncryptions()); len(pairs) != want {
		t.Fatalf("jose.json covers %d alg/enc pairs, want %d", len(pairs), want)
	}
}

// The hex fixtures of the key-wrapping algs are the same keys as their
// JWKs: the secret reader of the workbench gives the same bytes.
func TestJoseNPMHexSecrets(t *testing.T) {
	n := 0
	for _, tok := range loadJose(t).Tokens {
		if tok.Key.Hex == "" {
			continue
		}
		n++
		hexOnly := fixtureKey{Hex: tok.Key.Hex}
		if _, err := jwe.Decrypt(tok.Token, hexOnly.material(t)); err != nil {
			t.Errorf("%s/%s with the hex secret: %v", tok.Alg, tok.Enc, err)
		}
	}
	if n == 0 {
		t.Fatal("no hex secrets in jose.json")
	}
}
