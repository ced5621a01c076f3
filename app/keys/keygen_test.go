package keys_test

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

// TestGenerateFor generates the usual key of every JWS alg and checks its
// type, size, metadata and RFC 7638 kid.
func TestGenerateFor(t *testing.T) {
	tests := []struct {
		alg, want string
	}{
		{"HS256", "HMAC secret (32 bytes)"},
		{"HS384", "HMAC secret (48 bytes)"},
		{"HS512", "HMAC secret (64 bytes)"},
		{"RS256", "RSA 2048-bit private key"},
		{"PS512", "RSA 2048-bit private key"},
		{"ES256", "EC P-256 private key"},
		{"ES384", "EC P-384 private key"},
		{"ES512", "EC P-521 private key"},
		{"EdDSA", "Ed25519 private key"},
	}
	for _, tt := range tests {
		t.Run(tt.alg, func(t *testing.T) {
			k, err := keys.GenerateFor(tt.alg, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if got := keys.Describe(k); got != tt.want {
				t.Errorf("generated %s, want %s", got, tt.want)
			}
			if k.Alg != tt.alg || k.Use != "sig" {
				t.Errorf("alg %q use %q", k.Alg, k.Use)
			}
			var j *keys.JWK
			if secret, ok := k.Private.([]byte); ok {
				j, err = keys.PrivateJWK(secret)
			} else {
				j, err = keys.PublicJWK(k.Public)
				if !samePublic(k.Private.(crypto.Signer).Public(), k.Public) {
					t.Error("public half does not match")
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if tp, _ := keys.Thumbprint(j); tp != k.Kid || len(k.Kid) != 43 {
				t.Errorf("kid %q, thumbprint %q", k.Kid, tp)
			}
		})
	}
	if _, err := keys.GenerateFor("none", rand.Reader); !errors.Is(err, keys.ErrKeyType) {
		t.Errorf("GenerateFor(none) = %v", err)
	}
}

func TestGenerateRSASizes(t *testing.T) {
	if testing.Short() {
		t.Skip("RSA 3072 generation is slow")
	}
	k, err := keys.GenerateRSA(3072, "PS256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if n := k.Public.(*rsa.PublicKey).N.BitLen(); n != 3072 || k.Alg != "PS256" {
		t.Errorf("%d bits, alg %q", n, k.Alg)
	}
	for _, bits := range []int{0, 1024, 2047, 8192} {
		if _, err := keys.GenerateRSA(bits, "", rand.Reader); !errors.Is(err, keys.ErrWeakKey) {
			t.Errorf("GenerateRSA(%d) = %v", bits, err)
		}
	}
}

func TestGenerateSecretSizes(t *testing.T) {
	for _, size := range []int{0, 16, 31, 1025} {
		if _, err := keys.GenerateSecret(size, "HS256", rand.Reader); !errors.Is(err, keys.ErrWeakKey) {
			t.Errorf("GenerateSecret(%d) = %v", size, err)
		}
	}
	a, _ := keys.GenerateSecret(32, "HS256", rand.Reader)
	b, _ := keys.GenerateSecret(32, "HS256", rand.Reader)
	if string(a.Private.([]byte)) == string(b.Private.([]byte)) {
		t.Error("two generated secrets are equal")
	}
}

func TestLabel(t *testing.T) {
	k, err := keys.GenerateFor("EdDSA", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	bare := &keys.Key{Public: k.Public, Private: k.Private}
	if err := keys.Label(bare, "EdDSA"); err != nil || bare.Kid != k.Kid || bare.Alg != "EdDSA" || bare.Use != "sig" {
		t.Errorf("Label = %v: %+v, want kid %s", err, bare, k.Kid)
	}
	secret := &keys.Key{Public: []byte("0123456789abcdef0123456789abcdef")}
	if err := keys.Label(secret, "HS256"); err != nil || len(secret.Kid) != 43 {
		t.Errorf("Label(secret) = %v, kid %q", err, secret.Kid)
	}
	if err := keys.Label(&keys.Key{Public: 42}, ""); !errors.Is(err, keys.ErrKeyType) {
		t.Errorf("Label(42) = %v", err)
	}
}
