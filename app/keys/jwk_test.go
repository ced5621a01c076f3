package keys_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

// edit returns the JWK raw with members set (a nil value deletes one).
func edit(t testing.TB, raw []byte, members map[string]any) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	for k, v := range members {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// member reads one string member of a JWK.
func member(t testing.TB, raw []byte, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	s, _ := m[name].(string)
	return s
}

// flip changes one character in the middle of a base64url value.
func flip(s string) string {
	b := []byte(s)
	i := len(b) / 2
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

func TestParseJWK(t *testing.T) {
	es256 := rfcJWK(t, "rfc7515_A3_ES256")
	es512 := rfcJWK(t, "rfc7515_A4_ES512")
	rs256 := rfcJWK(t, "rfc7515_A2_RS256")
	ed := rfcJWK(t, "rfc8037_A4_Ed25519")
	hs := rfcJWK(t, "rfc7515_A1_HS256")
	other, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	otherJWK, err := keys.PrivateJWK(other.Private)
	if err != nil {
		t.Fatal(err)
	}
	zero32 := b64.EncodeToString(make([]byte, 32))
	otherRSA := rfcJWKOf(t, "jose-cookbook/jwk_3_4.rsa_private_key.json")

	type want struct {
		public, private string // %T of the parsed halves; "" for nil
		err             error
	}
	tests := []struct {
		name string
		jwk  []byte
		want want
	}{
		{"EC P-256 private", es256, want{"*ecdsa.PublicKey", "*ecdsa.PrivateKey", nil}},
		{"EC P-256 public", edit(t, es256, map[string]any{"d": nil}), want{"*ecdsa.PublicKey", "", nil}},
		{"EC P-521 private", es512, want{"*ecdsa.PublicKey", "*ecdsa.PrivateKey", nil}},
		{"EC d of another key", edit(t, es256, map[string]any{"d": otherJWK.D}), want{err: keys.ErrJWK}},
		{"EC d zero", edit(t, es256, map[string]any{"d": zero32}), want{err: keys.ErrJWK}},
		{"EC y off the curve", edit(t, es256, map[string]any{"d": nil, "y": flip(member(t, es256, "y"))}), want{err: keys.ErrNotOnCurve}},
		{"EC x off the curve, with d", edit(t, es256, map[string]any{"x": flip(member(t, es256, "x"))}), want{err: keys.ErrNotOnCurve}},
		{"EC point (0,0)", edit(t, es256, map[string]any{"d": nil, "x": zero32, "y": zero32}), want{err: keys.ErrNotOnCurve}},
		{"EC P-521 y off the curve", edit(t, es512, map[string]any{"y": flip(member(t, es512, "y"))}), want{err: keys.ErrNotOnCurve}},
		{"EC x of 31 bytes", edit(t, es256, map[string]any{"x": b64.EncodeToString(make([]byte, 31))}), want{err: keys.ErrJWK}},
		{"EC coordinates for another curve", edit(t, es256, map[string]any{"crv": "P-384"}), want{err: keys.ErrJWK}},
		{"EC x missing", edit(t, es256, map[string]any{"x": nil}), want{err: keys.ErrJWK}},
		{"EC x padded", edit(t, es256, map[string]any{"x": member(t, es256, "x") + "="}), want{err: keys.ErrJWK}},
		{"EC curve secp256k1", edit(t, es256, map[string]any{"crv": "secp256k1"}), want{err: keys.ErrCurve}},
		{"EC curve missing", edit(t, es256, map[string]any{"crv": nil}), want{err: keys.ErrCurve}},

		{"RSA private", rs256, want{"*rsa.PublicKey", "*rsa.PrivateKey", nil}},
		{"RSA public", edit(t, rs256, map[string]any{"d": nil, "p": nil, "q": nil, "dp": nil, "dq": nil, "qi": nil}), want{"*rsa.PublicKey", "", nil}},
		{"RSA private of another modulus", edit(t, rs256, map[string]any{"n": member(t, otherRSA, "n")}), want{err: keys.ErrJWK}},
		{"RSA p of another key", edit(t, rs256, map[string]any{"p": member(t, otherRSA, "p")}), want{err: keys.ErrJWK}},
		{"RSA d changed", edit(t, rs256, map[string]any{"d": flip(member(t, rs256, "d"))}), want{err: keys.ErrJWK}},
		{"RSA qi missing", edit(t, rs256, map[string]any{"qi": nil}), want{err: keys.ErrJWK}},
		{"RSA e missing", edit(t, rs256, map[string]any{"e": nil}), want{err: keys.ErrJWK}},
		{"RSA e of 5 bytes", edit(t, rs256, map[string]any{"e": "AQAAAAE"}), want{err: keys.ErrJWK}},
		{"RSA e = 1", edit(t, rs256, map[string]any{"d": nil, "e": "AQ"}), want{err: keys.ErrWeakKey}},
		{"RSA e = 2", edit(t, rs256, map[string]any{"d": nil, "e": "Ag"}), want{err: keys.ErrWeakKey}},
		{"RSA 1024-bit modulus", edit(t, rs256, map[string]any{"d": nil, "n": b64.EncodeToString(append([]byte{0xc5}, make([]byte, 127)...))}), want{err: keys.ErrWeakKey}},
		{"RSA n missing", edit(t, rs256, map[string]any{"n": nil}), want{err: keys.ErrJWK}},

		{"OKP Ed25519 private", ed, want{"ed25519.PublicKey", "ed25519.PrivateKey", nil}},
		{"OKP Ed25519 public", edit(t, ed, map[string]any{"d": nil}), want{"ed25519.PublicKey", "", nil}},
		{"OKP d of another key", edit(t, ed, map[string]any{"d": flip(member(t, ed, "d"))}), want{err: keys.ErrJWK}},
		{"OKP x of 31 bytes", edit(t, ed, map[string]any{"d": nil, "x": b64.EncodeToString(make([]byte, 31))}), want{err: keys.ErrJWK}},
		{"OKP X25519", edit(t, ed, map[string]any{"crv": "X25519"}), want{err: keys.ErrCurve}},
		{"OKP Ed448", edit(t, ed, map[string]any{"crv": "Ed448"}), want{err: keys.ErrCurve}},

		{"oct", hs, want{"[]uint8", "[]uint8", nil}},
		{"oct k empty", edit(t, hs, map[string]any{"k": ""}), want{err: keys.ErrJWK}},
		{"oct k not base64url", edit(t, hs, map[string]any{"k": "a+b/"}), want{err: keys.ErrJWK}},

		{"kty missing", []byte(`{"k":"AAAA"}`), want{err: keys.ErrJWK}},
		{"kty unknown", []byte(`{"kty":"DSA"}`), want{err: keys.ErrKeyType}},
		{"kty in lower case", edit(t, es256, map[string]any{"kty": "ec"}), want{err: keys.ErrKeyType}},
		{"not JSON", []byte(`kty=EC`), want{err: keys.ErrJWK}},
		{"a JSON array", []byte(`[{"kty":"oct","k":"AAAA"}]`), want{err: keys.ErrJWK}},
		{"kid a number", []byte(`{"kty":"oct","k":"AAAA","kid":1}`), want{err: keys.ErrJWK}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := keys.ParseJWK(tt.jwk)
			if tt.want.err != nil {
				if !errors.Is(err, tt.want.err) || k != nil {
					t.Fatalf("ParseJWK = %v, %v; want %v", k, err, tt.want.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseJWK: %v", err)
			}
			if got := typeName(k.Public); got != tt.want.public {
				t.Errorf("Public is %s, want %s", got, tt.want.public)
			}
			if got := typeName(k.Private); got != tt.want.private {
				t.Errorf("Private is %s, want %s", got, tt.want.private)
			}
			if k.Private != nil && !publicMatches(k) {
				t.Error("the private key does not match the public key")
			}
		})
	}
}

// rfcJWKOf reads a whole JWK file of the vectors.
func rfcJWKOf(t testing.TB, path string) []byte {
	t.Helper()
	var raw json.RawMessage
	loadVectors(t, path, &raw)
	return raw
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return ""
	case *ecdsa.PublicKey:
		return "*ecdsa.PublicKey"
	case *ecdsa.PrivateKey:
		return "*ecdsa.PrivateKey"
	case *rsa.PublicKey:
		return "*rsa.PublicKey"
	case *rsa.PrivateKey:
		return "*rsa.PrivateKey"
	case ed25519.PublicKey:
		return "ed25519.PublicKey"
	case ed25519.PrivateKey:
		return "ed25519.PrivateKey"
	case []byte:
		return "[]uint8"
	}
	return "other"
}

func publicMatches(k *keys.Key) bool {
	switch p := k.Private.(type) {
	case *ecdsa.PrivateKey:
		return p.PublicKey.Equal(k.Public)
	case *rsa.PrivateKey:
		return p.PublicKey.Equal(k.Public) && p.Validate() == nil
	case ed25519.PrivateKey:
		return p.Public().(ed25519.PublicKey).Equal(k.Public)
	case []byte:
		return string(p) == string(k.Public.([]byte))
	}
	return false
}

// TestParseJWKMetadata checks that kid, alg, use and key_ops travel with
// the key, and the curve and values are the vector's.
func TestParseJWKMetadata(t *testing.T) {
	raw := edit(t, rfcJWK(t, "rfc7515_A3_ES256"), map[string]any{"kid": "k1", "alg": "ES256", "use": "sig", "key_ops": []string{"verify"}})
	k, err := keys.ParseJWK(raw)
	if err != nil {
		t.Fatal(err)
	}
	if k.Kid != "k1" || k.Alg != "ES256" || k.Use != "sig" || len(k.KeyOps) != 1 || k.KeyOps[0] != "verify" {
		t.Errorf("metadata %+v", k)
	}
	pub := k.Public.(*ecdsa.PublicKey)
	x, _ := b64.DecodeString(member(t, raw, "x"))
	if pub.Curve != elliptic.P256() || string(pub.X.FillBytes(make([]byte, 32))) != string(x) {
		t.Errorf("public key %v does not carry the JWK's x", pub)
	}
}
