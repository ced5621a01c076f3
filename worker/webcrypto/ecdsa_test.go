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

// TestES256ThroughGlue checks ES256 through the worker's glue (glue.mjs
// under Node): it signs and verifies in agreement with golang-jwt, and
// refuses keys and signatures that ES256 cannot use before any call.
func TestES256ThroughGlue(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	p384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	web := &webcrypto.ES256{}
	const input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0"
	sig, err := web.Sign(input, priv)
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		err  error
		want error
	}{
		{"golang-jwt verifies its signature", jwt.SigningMethodES256.Verify(input, sig, &priv.PublicKey), nil},
		{"it verifies its own signature", web.Verify(input, sig, &priv.PublicKey), nil},
		{"a short signature", web.Verify(input, sig[:63], &priv.PublicKey), jwt.ErrSignatureInvalid},
		{"a P-384 key", web.Verify(input, sig, &p384.PublicKey), jwt.ErrInvalidKeyType},
		{"a public key to sign with", func() error { _, err := web.Sign(input, &priv.PublicKey); return err }(), jwt.ErrInvalidKeyType},
	}
	for _, c := range checks {
		if c.want == nil && c.err != nil || c.want != nil && !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.want)
		}
	}
}
