package jot_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// counting is ES256 that counts the signatures it checks.
type counting struct {
	jwt.SigningMethod
	verified int
}

func (c *counting) Verify(s string, sig []byte, key any) error {
	c.verified++
	return c.SigningMethod.Verify(s, sig, key)
}

func TestRememberVerified(t *testing.T) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	inner := &counting{SigningMethod: jwt.SigningMethodES256}
	m := jot.RememberVerified(inner, 2)
	sign := func(s string) []byte {
		sig, err := jwt.SigningMethodES256.Sign(s, priv)
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	a, b, c := sign("a.a"), sign("b.b"), sign("c.c")
	steps := []struct {
		name    string
		input   string
		sig     []byte
		key     any
		wantErr bool
		calls   int // inner verifications so far
	}{
		{"first use verifies", "a.a", a, &priv.PublicKey, false, 1},
		{"same signature, same key: remembered", "a.a", a, &priv.PublicKey, false, 1},
		{"same signature, another key object", "a.a", a, &other.PublicKey, true, 2},
		{"another input with a's signature", "b.b", a, &priv.PublicKey, true, 3},
		{"a failure is not remembered", "b.b", a, &priv.PublicKey, true, 4},
		{"b verifies", "b.b", b, &priv.PublicKey, false, 5},
		{"b remembered", "b.b", b, &priv.PublicKey, false, 5},
		{"c fills the memory, which starts over", "c.c", c, &priv.PublicKey, false, 6},
		{"a is verified again", "a.a", a, &priv.PublicKey, false, 7},
		{"a remembered again", "a.a", a, &priv.PublicKey, false, 7},
		{"a key that is not a pointer passes through", "a.a", a, priv.PublicKey, true, 8},
	}
	for _, s := range steps {
		err := m.Verify(s.input, s.sig, s.key)
		if (err != nil) != s.wantErr {
			t.Errorf("%s: err = %v, want error %v", s.name, err, s.wantErr)
		}
		if inner.verified != s.calls {
			t.Errorf("%s: %d signature checks, want %d", s.name, inner.verified, s.calls)
		}
	}
}

// TestRememberVerifiedStillChecksClaims checks that a remembered signature
// skips only the signature: a token that expires after its first use is
// refused on the next.
func TestRememberVerifiedStillChecksClaims(t *testing.T) {
	priv, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	key := &keys.Key{Kid: "k1", Public: &priv.PublicKey, Private: priv}
	set := &keys.Set{}
	if err := set.Add(key); err != nil {
		t.Fatal(err)
	}
	inner := &counting{SigningMethod: jwt.SigningMethodES256}
	if err := jot.UseMethod("ES256", jot.RememberVerified(inner, 16)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jot.UseMethod("ES256", jwt.SigningMethodES256) })
	now := time.Unix(1_800_000_000, 0)
	clock := func() time.Time { return now }
	tok, err := jot.Sign(map[string]any{"sub": "u", "exp": now.Add(time.Minute).Unix()}, "ES256", key, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		if _, err := jot.Verify(tok, jot.KeySet{Set: set}, jot.WithTimeFunc(clock)); err != nil {
			t.Fatalf("use %d: %v", i, err)
		}
	}
	if inner.verified != 1 {
		t.Errorf("three uses checked the signature %d times, want 1", inner.verified)
	}
	now = now.Add(2 * time.Minute)
	if _, err := jot.Verify(tok, jot.KeySet{Set: set}, jot.WithTimeFunc(clock)); !errors.Is(err, jot.ErrExpired) {
		t.Errorf("after exp: err = %v, want ErrExpired", err)
	}
}
