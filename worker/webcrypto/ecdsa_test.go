//go:build js && wasm

package webcrypto_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/worker/webcrypto"
)

// TestES256AgreesWithGolangJWT signs with each implementation and verifies
// with the other.
func TestES256AgreesWithGolangJWT(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	web := &webcrypto.ES256{}
	const input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0"
	sig, err := web.Sign(input, priv)
	if err != nil {
		t.Fatal(err)
	}
	if err := jwt.SigningMethodES256.Verify(input, sig, &priv.PublicKey); err != nil {
		t.Fatalf("golang-jwt refused a WebCrypto signature: %v", err)
	}
	sig2, err := jwt.SigningMethodES256.Sign(input, priv)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // the second pass uses the cached CryptoKey
		if err := web.Verify(input, sig2, &priv.PublicKey); err != nil {
			t.Fatalf("WebCrypto refused a golang-jwt signature: %v", err)
		}
	}
	sig2[10] ^= 1
	if err := web.Verify(input, sig2, &priv.PublicKey); !errors.Is(err, jwt.ErrSignatureInvalid) {
		t.Fatalf("tampered signature: %v", err)
	}
	if err := web.Verify(input, sig2[:63], &priv.PublicKey); !errors.Is(err, jwt.ErrSignatureInvalid) {
		t.Fatalf("short signature: %v", err)
	}
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err := web.Verify(input, sig, &p384.PublicKey); !errors.Is(err, jwt.ErrInvalidKeyType) {
		t.Fatalf("P-384 key: %v", err)
	}
}
