package jot_test

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

var b64 = base64.RawURLEncoding

// rfcTime is one minute before the exp of the RFC 7515/7519 examples
// (1300819380, 2011-03-22T18:43:00Z).
var rfcTime = time.Unix(1300819320, 0)

func at(t time.Time) jot.Option { return jot.WithTimeFunc(func() time.Time { return t }) }

// secret is a 32-byte HMAC key, long enough for HS256.
var secret = []byte("0123456789abcdef0123456789abcdef")

func hmacKey(kid string, k []byte) *keys.Key {
	return &keys.Key{Kid: kid, Public: k, Private: k}
}

// setOf builds a key set, failing the test on a duplicate kid.
func setOf(t testing.TB, ks ...*keys.Key) jot.KeySet {
	t.Helper()
	s := &keys.Set{}
	for _, k := range ks {
		if err := s.Add(k); err != nil {
			t.Fatal(err)
		}
	}
	return jot.KeySet{Set: s}
}

// hs256 builds a compact token over the exact header and payload bytes
// given, MACed with key, independently of jot.Sign.
func hs256(key []byte, header string, payload []byte) string {
	input := b64.EncodeToString([]byte(header)) + "." + b64.EncodeToString(payload)
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(input))
	return input + "." + b64.EncodeToString(mac.Sum(nil))
}

// mustJSON marshals v.
func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// newEC generates a P-256 key.
func newEC(t testing.TB) *keys.Key {
	t.Helper()
	k, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// publicOnly strips the private half, as a verifier holds it.
func publicOnly(k *keys.Key) *keys.Key {
	return &keys.Key{Kid: k.Kid, Alg: k.Alg, Use: k.Use, Public: k.Public}
}

// sign signs claims with jot.Sign, failing the test on error.
func sign(t testing.TB, claims any, alg string, k *keys.Key, extra map[string]any) string {
	t.Helper()
	tok, err := jot.Sign(claims, alg, k, extra)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// flipTrailingBit changes the last character of a base64url segment to
// the one that decodes to the same bytes with a non-zero unused low bit.
func flipTrailingBit(seg string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := seg[len(seg)-1]
	for i := 0; i < len(alphabet); i++ {
		if alphabet[i] == last {
			return seg[:len(seg)-1] + string(alphabet[i^1])
		}
	}
	panic("not base64url")
}
