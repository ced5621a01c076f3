package jot_test

import (
	"crypto/ed25519"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func TestSignVerifyRoundTrip(t *testing.T) {
	vectors := rfcVectors(t)
	parse := func(name string) *keys.Key {
		k, err := keys.ParseJWK(vectors[name].JWK)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return k
	}
	rsaKey, p521, ed := parse("rfc7515_A2_RS256"), parse("rfc7515_A4_ES512"), parse("rfc8037_A4_Ed25519")
	rsaKey.Kid, p521.Kid, ed.Kid = "rsa", "p521", "ed"
	tests := []struct {
		alg string
		key *keys.Key
	}{
		{"HS256", hmacKey("h", secret)},
		{"HS384", hmacKey("h", append(secret, secret[:16]...))},
		{"RS256", rsaKey},
		{"PS256", rsaKey},
		{"PS512", rsaKey},
		{"ES256", newEC(t)},
		{"ES512", p521},
		{"EdDSA", ed},
	}
	claims := map[string]any{"sub": "alice", "n": 1}
	for _, tt := range tests {
		t.Run(tt.alg, func(t *testing.T) {
			tok := sign(t, claims, tt.alg, tt.key, map[string]any{"alg": "none", "cty": "x"})
			in := jot.Inspect(tok)
			if in.Err() != nil || in.Alg() != tt.alg || in.Header["typ"] != "JWT" || in.Header["kid"] != tt.key.Kid || in.Header["cty"] != "x" {
				t.Fatalf("header %v (%v)", in.Header, in.Err())
			}
			got, err := jot.Verify(tok, setOf(t, publicOnly(tt.key)))
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if got.Claims["sub"] != "alice" || got.Alg.Name != tt.alg || got.Key.Kid != tt.key.Kid {
				t.Errorf("claims %v, alg %s, key %q", got.Claims, got.Alg.Name, got.Key.Kid)
			}
		})
	}
}

func TestSignRefuses(t *testing.T) {
	ec := newEC(t)
	_, edPriv, _ := ed25519.GenerateKey(nil)
	tests := []struct {
		name    string
		alg     string
		key     *keys.Key
		claims  any
		wantErr error
	}{
		{"alg none", "none", hmacKey("", secret), nil, jot.ErrAlgNone},
		{"alg None", "None", hmacKey("", secret), nil, jot.ErrAlgNone},
		{"no alg", "", hmacKey("", secret), nil, jot.ErrAlgMissing},
		{"unknown alg", "ES256K", ec, nil, jot.ErrAlgUnsupported},
		{"public key only", "ES256", publicOnly(ec), nil, jot.ErrKeyType},
		{"EC key for HS256", "HS256", ec, nil, jot.ErrKeyType},
		{"P-256 key for ES384", "ES384", ec, nil, jot.ErrKeyType},
		{"Ed25519 key for ES256", "ES256", &keys.Key{Private: edPriv}, nil, jot.ErrKeyType},
		{"short HMAC key", "HS256", hmacKey("", secret[:16]), nil, jot.ErrHMACKeyTooShort},
		{"claims that cannot be JSON", "HS256", hmacKey("", secret), map[string]any{"c": make(chan int)}, jot.ErrJSON},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := jot.Sign(tt.claims, tt.alg, tt.key, nil)
			if !errors.Is(err, tt.wantErr) || tok != "" {
				t.Fatalf("Sign = %q, %v, want %v", tok, err, tt.wantErr)
			}
		})
	}
}

func TestLookupAlgorithm(t *testing.T) {
	for _, name := range jot.Algorithms() {
		a, err := jot.LookupAlgorithm(name)
		if err != nil || a.Name != name {
			t.Errorf("LookupAlgorithm(%q) = %v, %v", name, a, err)
		}
	}
	for _, tt := range []struct {
		name string
		want error
	}{{"none", jot.ErrAlgNone}, {"NoNe", jot.ErrAlgNone}, {"", jot.ErrAlgMissing}, {"RS1", jot.ErrAlgUnsupported}, {"es256", jot.ErrAlgUnsupported}} {
		if _, err := jot.LookupAlgorithm(tt.name); !errors.Is(err, tt.want) {
			t.Errorf("LookupAlgorithm(%q) = %v, want %v", tt.name, err, tt.want)
		}
	}
}
