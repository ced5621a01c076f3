package keys_test

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

func TestGenerateEC(t *testing.T) {
	tests := []struct {
		crv, alg string
		size     int // coordinate bytes
	}{
		{"P-256", "ES256", 32},
		{"P-384", "ES384", 48},
		{"P-521", "ES512", 66},
	}
	for _, tt := range tests {
		t.Run(tt.crv, func(t *testing.T) {
			k, err := keys.GenerateEC(tt.crv, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			priv, ok := k.Private.(*ecdsa.PrivateKey)
			if !ok || priv.Curve.Params().Name != tt.crv || !priv.PublicKey.Equal(k.Public) {
				t.Fatalf("generated %T %v", k.Private, k.Public)
			}
			if k.Alg != tt.alg || k.Use != "sig" {
				t.Errorf("alg %q use %q, want %q sig", k.Alg, k.Use, tt.alg)
			}
			// The kid is the RFC 7638 thumbprint, recomputed here by hand.
			pub, err := keys.PublicJWK(k.Public)
			if err != nil {
				t.Fatal(err)
			}
			canonical := `{"crv":"` + pub.Crv + `","kty":"EC","x":"` + pub.X + `","y":"` + pub.Y + `"}`
			sum := sha256.Sum256([]byte(canonical))
			if k.Kid != b64.EncodeToString(sum[:]) {
				t.Errorf("kid %q is not the thumbprint of %s", k.Kid, canonical)
			}
			// Exported with its private part and parsed back, it is the
			// same key, and it signs what the public half verifies.
			j, err := keys.PrivateJWK(k.Private)
			if err != nil {
				t.Fatal(err)
			}
			if x, _ := b64.DecodeString(j.X); len(x) != tt.size {
				t.Errorf("x has %d bytes, want %d", len(x), tt.size)
			}
			raw, _ := json.Marshal(j)
			back, err := keys.ParseJWK(raw)
			if err != nil {
				t.Fatalf("ParseJWK(PrivateJWK): %v", err)
			}
			if !back.Private.(*ecdsa.PrivateKey).Equal(priv) {
				t.Error("the private key did not round-trip")
			}
			digest := sha256.Sum256([]byte("message"))
			sig, err := ecdsa.SignASN1(rand.Reader, back.Private.(*ecdsa.PrivateKey), digest[:])
			if err != nil || !ecdsa.VerifyASN1(k.Public.(*ecdsa.PublicKey), digest[:], sig) {
				t.Errorf("sign with the parsed key, verify with the original: %v", err)
			}
		})
	}
	a, _ := keys.GenerateEC("P-256", rand.Reader)
	b, _ := keys.GenerateEC("P-256", rand.Reader)
	if a.Kid == b.Kid {
		t.Error("two generated keys share a kid")
	}
	for _, crv := range []string{"P-224", "secp256k1", "Ed25519", ""} {
		if _, err := keys.GenerateEC(crv, rand.Reader); !errors.Is(err, keys.ErrCurve) {
			t.Errorf("GenerateEC(%q) = %v, want %v", crv, err, keys.ErrCurve)
		}
	}
}

// TestExportVectors exports the RFC example keys and compares every member
// with the vector.
func TestExportVectors(t *testing.T) {
	for _, name := range []string{"rfc7515_A2_RS256", "rfc7515_A3_ES256", "rfc7515_A4_ES512", "rfc8037_A4_Ed25519", "rfc7515_A1_HS256"} {
		t.Run(name, func(t *testing.T) {
			raw := rfcJWK(t, name)
			k, err := keys.ParseJWK(raw)
			if err != nil {
				t.Fatal(err)
			}
			j, err := keys.PrivateJWK(k.Private)
			if err != nil {
				t.Fatal(err)
			}
			var want, got map[string]any
			json.Unmarshal(raw, &want)
			b, _ := json.Marshal(j)
			json.Unmarshal(b, &got)
			for m, v := range want {
				if got[m] != v {
					t.Errorf("%s = %v, want %v", m, got[m], v)
				}
			}
			if len(got) != len(want) {
				t.Errorf("exported %d members, the vector has %d", len(got), len(want))
			}
			if k.Public != nil {
				if _, secret := k.Public.([]byte); !secret {
					pub, err := keys.PublicJWK(k.Private)
					if err != nil || pub.D != "" || pub.P != "" || pub.K != "" {
						t.Errorf("PublicJWK of the private key: %+v, %v", pub, err)
					}
				}
			}
		})
	}
}

func TestExportRefuses(t *testing.T) {
	k, err := keys.ParseJWK(rfcJWK(t, "rfc7515_A3_ES256"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := keys.PrivateJWK(k.Public); !errors.Is(err, keys.ErrNoPrivate) {
		t.Errorf("PrivateJWK(public) = %v, want %v", err, keys.ErrNoPrivate)
	}
	for _, v := range []any{nil, "key", 42, []byte("secret")} {
		if _, err := keys.PublicJWK(v); !errors.Is(err, keys.ErrKeyType) {
			t.Errorf("PublicJWK(%T) = %v, want %v", v, err, keys.ErrKeyType)
		}
	}
}
