package jot_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"errors"
	"reflect"
	"strings"
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

// countES256 makes ES256 count its signature checks for the test.
func countES256(t *testing.T) *counting {
	inner := &counting{SigningMethod: jwt.SigningMethodES256}
	if err := jot.UseMethod("ES256", inner); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { jot.UseMethod("ES256", jwt.SigningMethodES256) })
	return inner
}

func newES256Key(t *testing.T, kid string) *keys.Key {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &keys.Key{Kid: kid, Public: &priv.PublicKey, Private: priv}
}

// TestCache walks a cache of two tokens through hits, misses and the
// checks that still run on a hit.
func TestCache(t *testing.T) {
	inner := countES256(t)
	now := time.Unix(1_800_000_000, 0)
	clock := jot.WithTimeFunc(func() time.Time { return now })
	k1, k1again, k2 := newES256Key(t, "k1"), newES256Key(t, "k1"), newES256Key(t, "k2")
	sign := func(k *keys.Key, sub string) string {
		tok, err := jot.Sign(map[string]any{"sub": sub, "exp": now.Add(time.Minute).Unix()}, "ES256", k, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	a, b, c := sign(k1, "a"), sign(k1, "b"), sign(k2, "c")
	forged := b[:len(b)-4] + "AAAA"
	noKid := sign(&keys.Key{Public: k2.Public, Private: k2.Private}, "d")
	cache := jot.NewCache(2)
	set := setOf(t, k1, k2)
	steps := []struct {
		name   string
		token  string
		keys   jot.KeySet
		opts   []jot.Option
		err    error
		checks int // signature checks so far
		len    int // tokens in the cache afterwards
	}{
		{"first use verifies", a, set, nil, nil, 1, 1},
		{"same token: no signature check", a, set, nil, nil, 1, 1},
		{"without the option the cache is not used", a, set, []jot.Option{jot.WithCache(nil)}, nil, 2, 1},
		{"a forged signature is checked and refused", forged, set, nil, jot.ErrSignature, 3, 1},
		{"a failure is not remembered", forged, set, nil, jot.ErrSignature, 4, 1},
		{"signature only bypasses the cache", a, set, []jot.Option{jot.WithSignatureOnly()}, nil, 5, 1},
		{"an alg no longer allowed is refused", a, set, []jot.Option{jot.WithAlgorithms("EdDSA")}, jot.ErrAlgUnsupported, 5, 1},
		{"its kid now names another key", a, setOf(t, k1again, k2), nil, jot.ErrSignature, 6, 1},
		{"its key is gone", a, setOf(t, k2), nil, jot.ErrKeyNotFound, 6, 1},
		{"b fills the cache", b, set, nil, nil, 7, 2},
		{"c starts it over", c, set, nil, nil, 8, 1},
		{"a is checked again", a, set, nil, nil, 9, 2},
		{"a token without kid is remembered", noKid, setOf(t, k2), nil, nil, 10, 1},
		{"and hit while its key is a candidate", noKid, setOf(t, k2), nil, nil, 10, 1},
		{"and checked when it is not", noKid, setOf(t, k1), nil, jot.ErrSignature, 11, 1},
		{"time still passes", noKid, setOf(t, k2), []jot.Option{jot.WithTimeFunc(func() time.Time { return now.Add(2 * time.Minute) })}, jot.ErrExpired, 11, 1},
	}
	for _, s := range steps {
		opts := append([]jot.Option{clock, jot.WithCache(cache)}, s.opts...)
		_, err := jot.Verify(s.token, s.keys, opts...)
		if s.err == nil && err != nil || s.err != nil && !errors.Is(err, s.err) {
			t.Errorf("%s: err = %v, want %v", s.name, err, s.err)
		}
		if inner.verified != s.checks {
			t.Errorf("%s: %d signature checks, want %d", s.name, inner.verified, s.checks)
		}
		if cache.Len() != s.len {
			t.Errorf("%s: %d cached tokens, want %d", s.name, cache.Len(), s.len)
		}
	}
}

// TestCacheHitIsTheVerifiedToken checks that a hit returns what the first
// verification did, and that changing the returned Token's fields does not
// change what the next hit returns.
func TestCacheHitIsTheVerifiedToken(t *testing.T) {
	k := newES256Key(t, "k")
	tok, err := jot.Sign(map[string]any{"sub": "alice", "scope": "read"}, "ES256", k, nil)
	if err != nil {
		t.Fatal(err)
	}
	cache, set := jot.NewCache(4), setOf(t, k)
	first, err := jot.Verify(tok, set, jot.WithCache(cache))
	if err != nil {
		t.Fatal(err)
	}
	first.Claims, first.Key = nil, nil
	hit, err := jot.Verify(tok, set, jot.WithCache(cache))
	if err != nil {
		t.Fatal(err)
	}
	if hit.Claims["sub"] != "alice" || hit.Claims["scope"] != "read" || hit.Key != k || hit.Alg.Name != "ES256" || string(hit.Payload) == "" {
		t.Errorf("hit = %+v", hit)
	}
}

// TestCacheHeaders checks the remembered headers: tokens with one header
// segment share its parse, every check of the header still runs on each
// token, and a header that does not parse is refused every time.
func TestCacheHeaders(t *testing.T) {
	k := newES256Key(t, "k")
	sign := func(sub string, extra map[string]any) string {
		tok, err := jot.Sign(map[string]any{"sub": sub}, "ES256", k, extra)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	cache, set := jot.NewCache(4), setOf(t, k)
	a, b := sign("a", nil), sign("b", nil)
	ta, err := jot.Verify(a, set, jot.WithCache(cache))
	if err != nil {
		t.Fatal(err)
	}
	tb, err := jot.Verify(b, set, jot.WithCache(cache))
	if err != nil {
		t.Fatal(err)
	}
	if reflect.ValueOf(ta.Header).UnsafePointer() != reflect.ValueOf(tb.Header).UnsafePointer() {
		t.Error("two tokens with one header segment: the header was parsed twice")
	}
	if tb.Claims["sub"] != "b" || tb.Header["kid"] != "k" {
		t.Errorf("b verified as %v %v", tb.Header, tb.Claims)
	}
	c := sign("c", nil)
	if _, err := jot.Verify(c, set, jot.WithCache(cache), jot.WithType("at+jwt")); !errors.Is(err, jot.ErrType) {
		t.Errorf("a remembered header without the wanted typ: err = %v, want %v", err, jot.ErrType)
	}
	if _, err := jot.Verify(c, set, jot.WithCache(cache), jot.WithAlgorithms("EdDSA")); !errors.Is(err, jot.ErrAlgUnsupported) {
		t.Errorf("a remembered header with an alg not allowed: err = %v, want %v", err, jot.ErrAlgUnsupported)
	}
	crit := sign("d", map[string]any{"crit": []any{"exp"}, "exp": 1})
	for range 2 {
		if _, err := jot.Verify(crit, set, jot.WithCache(cache)); !errors.Is(err, jot.ErrCrit) {
			t.Errorf("a header with crit: err = %v, want %v", err, jot.ErrCrit)
		}
	}
	_, payload, _ := strings.Cut(a, ".")
	bad := "eyJhbGciOiJFUzI1NiIsImtpZCI6ImsifQ" + "x." + payload
	for range 2 {
		if _, err := jot.Verify(bad, set, jot.WithCache(cache)); !errors.Is(err, jot.ErrBase64) && !errors.Is(err, jot.ErrJSON) {
			t.Errorf("a header that does not decode: err = %v", err)
		}
	}
}
