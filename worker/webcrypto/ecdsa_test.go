//go:build js && wasm

package webcrypto_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"math/big"
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

// TestES256SignatureEncodings checks the R||S ↔ DER conversion that the
// glue makes for node:crypto (RFC 3279 §2.2.3) where it is easiest to get
// wrong: integers with leading zero bytes, integers with the high bit set,
// and signatures that are the right length but not valid, each judged as
// golang-jwt judges it natively.
func TestES256SignatureEncodings(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	web := &webcrypto.ES256{}
	const input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJlZGdlcyJ9"
	// seen records which shapes of R and S came up: a leading zero byte,
	// and the high bit set, for each.
	seen := map[string]bool{}
	for i := 0; i < 5000 && len(seen) < 4; i++ {
		sig, err := web.Sign(input, priv)
		if err != nil {
			t.Fatal(err)
		}
		if len(sig) != 64 {
			t.Fatalf("signature of %d bytes, want 64", len(sig))
		}
		shape := map[string]bool{"R zero": sig[0] == 0, "S zero": sig[32] == 0, "R high": sig[0]&0x80 != 0, "S high": sig[32]&0x80 != 0}
		fresh := false
		for k, v := range shape {
			if v && !seen[k] {
				seen[k], fresh = true, true
			}
		}
		if !fresh {
			continue
		}
		if err := jwt.SigningMethodES256.Verify(input, sig, &priv.PublicKey); err != nil {
			t.Fatalf("golang-jwt refuses the glue's signature %x: %v", sig, err)
		}
		if err := web.Verify(input, sig, &priv.PublicKey); err != nil {
			t.Fatalf("the glue refuses its own signature %x: %v", sig, err)
		}
	}
	if len(seen) < 4 {
		t.Fatalf("5000 signatures showed only %v", seen)
	}

	good, err := jwt.SigningMethodES256.Sign(input, priv)
	if err != nil {
		t.Fatal(err)
	}
	// (R, n−S) is the same signature's other valid form.
	n := elliptic.P256().Params().N
	s := new(big.Int).SetBytes(good[32:])
	highS := append(append([]byte(nil), good[:32]...), new(big.Int).Sub(n, s).FillBytes(make([]byte, 32))...)
	flipped := append([]byte(nil), good...)
	flipped[40] ^= 1
	overN := append(n.FillBytes(make([]byte, 32)), good[32:]...)
	for name, sig := range map[string][]byte{
		"golang-jwt's signature": good,
		"its (R, n−S) form":      highS,
		"a flipped bit":          flipped,
		"all zeros":              make([]byte, 64),
		"all ones":               bytes.Repeat([]byte{0xff}, 64),
		"R equal to n":           overN,
	} {
		want := jwt.SigningMethodES256.Verify(input, sig, &priv.PublicKey)
		got := web.Verify(input, sig, &priv.PublicKey)
		if (want == nil) != (got == nil) || got != nil && !errors.Is(got, jwt.ErrSignatureInvalid) {
			t.Errorf("%s: %v, golang-jwt says %v", name, got, want)
		}
	}
}
