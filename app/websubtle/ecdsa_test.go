//go:build js && wasm

package websubtle_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/websubtle"
)

// TestECDSAAgreesWithGolangJWT signs with crypto.subtle and with golang-jwt
// for each algorithm, and verifies each signature with the other.
func TestECDSAAgreesWithGolangJWT(t *testing.T) {
	curves := map[string]elliptic.Curve{"ES256": elliptic.P256(), "ES384": elliptic.P384(), "ES512": elliptic.P521()}
	const input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0"
	for alg, curve := range curves {
		t.Run(alg, func(t *testing.T) {
			priv, err := ecdsa.GenerateKey(curve, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			web, err := websubtle.New(alg)
			if err != nil {
				t.Fatal(err)
			}
			native := jwt.GetSigningMethod(alg)
			sig, err := web.Sign(input, priv)
			if err != nil {
				t.Fatal(err)
			}
			if err := native.Verify(input, sig, &priv.PublicKey); err != nil {
				t.Fatalf("golang-jwt refused a WebCrypto signature: %v", err)
			}
			sig2, err := native.Sign(input, priv)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < 2; i++ { // the second pass uses the kept CryptoKey
				if err := web.Verify(input, sig2, &priv.PublicKey); err != nil {
					t.Fatalf("WebCrypto refused a golang-jwt signature: %v", err)
				}
			}
			sig2[10] ^= 1
			if err := web.Verify(input, sig2, &priv.PublicKey); !errors.Is(err, jwt.ErrSignatureInvalid) {
				t.Fatalf("tampered signature: %v", err)
			}
			if err := web.Verify(input, sig2[:len(sig2)-1], &priv.PublicKey); !errors.Is(err, jwt.ErrSignatureInvalid) {
				t.Fatalf("short signature: %v", err)
			}
			other := elliptic.P256()
			if alg == "ES256" {
				other = elliptic.P384()
			}
			wrong, _ := ecdsa.GenerateKey(other, rand.Reader)
			if err := web.Verify(input, sig, &wrong.PublicKey); !errors.Is(err, jwt.ErrInvalidKeyType) {
				t.Fatalf("key on another curve: %v", err)
			}
			if _, err := web.Sign(input, &priv.PublicKey); !errors.Is(err, jwt.ErrInvalidKeyType) {
				t.Fatalf("signing with a public key: %v", err)
			}
		})
	}
	if _, err := websubtle.New("RS256"); err == nil {
		t.Error("New(RS256) succeeded")
	}
}
