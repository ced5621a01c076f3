package keys_test

import (
	"crypto"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

func TestThumbprint(t *testing.T) {
	var vectors struct {
		RFC7638 struct {
			JWK        json.RawMessage `json:"jwk"`
			Thumbprint string          `json:"thumbprint_sha256"`
		} `json:"rfc7638_3_1_thumbprint"`
		RFC8037 struct {
			JWK        json.RawMessage `json:"jwk"`
			Thumbprint string          `json:"jwk_thumbprint_sha256"`
		} `json:"rfc8037_A4_Ed25519"`
	}
	loadVectors(t, "rfc_vectors.json", &vectors)
	if vectors.RFC7638.Thumbprint == "" || vectors.RFC8037.Thumbprint == "" {
		t.Fatal("vectors missing")
	}
	tests := []struct {
		name string
		jwk  json.RawMessage
		want string
	}{
		{"RFC 7638 §3.1 RSA", vectors.RFC7638.JWK, vectors.RFC7638.Thumbprint},
		// kid, alg, use and private members are not part of the hash.
		{"RFC 7638 §3.1 without kid and alg", edit(t, vectors.RFC7638.JWK, map[string]any{"kid": nil, "alg": nil}), vectors.RFC7638.Thumbprint},
		{"RFC 8037 A.3 Ed25519, private", vectors.RFC8037.JWK, vectors.RFC8037.Thumbprint},
		{"RFC 8037 A.3 Ed25519, public", edit(t, vectors.RFC8037.JWK, map[string]any{"d": nil, "use": "sig"}), vectors.RFC8037.Thumbprint},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var j keys.JWK
			if err := json.Unmarshal(tt.jwk, &j); err != nil {
				t.Fatal(err)
			}
			got, err := keys.Thumbprint(&j)
			if err != nil || got != tt.want {
				t.Fatalf("Thumbprint = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
	// The thumbprint of an exported key is that of the JWK it came from.
	k, err := keys.ParseJWK(vectors.RFC7638.JWK)
	if err != nil {
		t.Fatal(err)
	}
	j, err := keys.PublicJWK(k.Public)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := keys.Thumbprint(j); got != vectors.RFC7638.Thumbprint {
		t.Errorf("exported key thumbprint %q, want %q", got, vectors.RFC7638.Thumbprint)
	}
	if _, err := keys.Thumbprint(&keys.JWK{Kty: "DSA"}); !errors.Is(err, keys.ErrKeyType) {
		t.Errorf("unknown kty: %v, want %v", err, keys.ErrKeyType)
	}
}

// RFC 7638 §3.4 allows other hash functions; SHA-512 of the same
// canonical members is what Auth.js puts in its session tokens' kid.
func TestThumbprintHashSHA512(t *testing.T) {
	j := &keys.JWK{Kty: "oct", K: "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}
	sum := sha512.Sum512([]byte(`{"k":"` + j.K + `","kty":"oct"}`))
	want := base64.RawURLEncoding.EncodeToString(sum[:])
	got, err := keys.ThumbprintHash(j, crypto.SHA512)
	if err != nil || got != want {
		t.Fatalf("ThumbprintHash = %q, %v; want %q", got, err, want)
	}
	if s256, _ := keys.Thumbprint(j); s256 == got {
		t.Fatal("SHA-256 and SHA-512 thumbprints agree")
	}
	if _, err := keys.ThumbprintHash(j, crypto.Hash(0)); !errors.Is(err, keys.ErrKeyType) {
		t.Fatalf("hash 0: %v", err)
	}
}
