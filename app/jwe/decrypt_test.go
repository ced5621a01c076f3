package jwe_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
)

var b64 = base64.RawURLEncoding

// fakeJWE is a compact JWE with the given protected header and parts
// that decode but were never encrypted: enough for what is refused before
// any cryptography.
func fakeJWE(header string) string {
	return b64.EncodeToString([]byte(header)) + ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"
}

func secret(n int) *jot.KeyMaterial {
	return jot.ReadKey(strings.Repeat("k", n), jot.SecretUTF8)
}

// Every alg/enc pair round-trips through Encrypt and Decrypt, and a token
// changed in any part fails with ErrDecrypt.
func TestRoundTrip(t *testing.T) {
	for _, alg := range jwe.KeyAlgorithms() {
		for _, enc := range jwe.ContentEncryptions() {
			t.Run(alg+"/"+enc, func(t *testing.T) {
				km := keyFor(t, alg)
				if alg == "dir" {
					km = secret(map[string]int{"A128GCM": 16, "A256GCM": 32, "A128CBC-HS256": 32, "A256CBC-HS512": 64}[enc])
				}
				tok, err := jwe.Encrypt([]byte(`{"sub":"round"}`), km, alg, enc, jwe.EncryptOptions{Kid: "k1"})
				if err != nil {
					t.Fatalf("Encrypt: %v", err)
				}
				r, err := jwe.Decrypt(tok, km)
				if err != nil {
					t.Fatalf("Decrypt: %v", err)
				}
				if r.Claims["sub"] != "round" || r.Kid != "k1" || r.Alg != alg || r.Enc != enc || r.Zip != "" {
					t.Fatalf("result %+v", r)
				}
				public := strings.HasPrefix(alg, "RSA") || strings.HasPrefix(alg, "ECDH")
				if unsigned := len(r.Notes) == 1 && strings.HasPrefix(r.Notes[0], "not signed"); unsigned != public {
					t.Fatalf("%s: notes %q", alg, r.Notes)
				}
				parts := strings.Split(tok, ".")
				for i := 1; i < 5; i++ {
					if parts[i] == "" {
						continue // dir and ECDH-ES have no encrypted key
					}
					changed := append([]string(nil), parts...)
					c := []byte(changed[i])
					c[len(c)/2] ^= 'A' ^ 'B'
					if c[len(c)/2] == changed[i][len(c)/2] {
						c[len(c)/2] = 'C'
					}
					changed[i] = string(c)
					if _, err := jwe.Decrypt(strings.Join(changed, "."), km); !errors.Is(err, jwe.ErrDecrypt) && !errors.Is(err, jwe.ErrNotJWE) {
						t.Errorf("part %d changed: err = %v, want ErrDecrypt", i, err)
					}
				}
			})
		}
	}
}

// What is refused before any cryptography, each with its sentinel.
func TestRefusedHeaders(t *testing.T) {
	rsa := keyFor(t, "RSA-OAEP")
	tests := []struct {
		name, token string
		key         *jot.KeyMaterial
		want        error
		mention     string
	}{
		{"RSA1_5", fakeJWE(`{"alg":"RSA1_5","enc":"A128GCM"}`), rsa, jwe.ErrRefused, "Bleichenbacher"},
		{"PBES2 huge p2c", fakeJWE(`{"alg":"PBES2-HS512+A256KW","enc":"A256GCM","p2c":1000000000,"p2s":"AAAA"}`), secret(8), jwe.ErrPBES2, "p2c 1000000000"},
		{"PBES2 small p2c", fakeJWE(`{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":1000,"p2s":"AAAA"}`), secret(8), jwe.ErrRefused, "p2c 1000"},
		{"A192KW", fakeJWE(`{"alg":"A192KW","enc":"A128GCM"}`), secret(24), jwe.ErrUnsupported, "A192KW"},
		{"A192GCM", fakeJWE(`{"alg":"dir","enc":"A192GCM"}`), secret(24), jwe.ErrUnsupported, "A192GCM"},
		{"alg none", fakeJWE(`{"alg":"none","enc":"A128GCM"}`), secret(16), jwe.ErrUnsupported, "none"},
		{"no enc", fakeJWE(`{"alg":"dir"}`), secret(16), jwe.ErrHeader, "enc"},
		{"alg not a string", fakeJWE(`{"alg":1,"enc":"A128GCM"}`), secret(16), jwe.ErrHeader, "alg"},
		{"duplicate member", fakeJWE(`{"alg":"dir","alg":"dir","enc":"A128GCM"}`), secret(16), jwe.ErrHeader, "twice"},
		{"header not JSON", fakeJWE(`not json`), secret(16), jwe.ErrHeader, ""},
		{"crit", fakeJWE(`{"alg":"dir","enc":"A128GCM","crit":["exp"],"exp":1}`), secret(16), jwe.ErrCrit, "exp"},
		{"zip other than DEF", fakeJWE(`{"alg":"dir","enc":"A128GCM","zip":"GZ"}`), secret(16), jwe.ErrUnsupported, "GZ"},
		{"a JWS", "eyJhbGciOiJIUzI1NiJ9.e30.c2ln", secret(16), jwe.ErrNotJWE, "3"},
		{"four segments", "a.b.c.d", secret(16), jwe.ErrNotJWE, "4"},
		{"too large", fakeJWE(`{"alg":"dir","enc":"A128GCM"}`) + strings.Repeat("A", jot.MaxTokenSize), secret(16), jwe.ErrTooLarge, "limit"},
		{"bad base64 in the ciphertext", strings.Replace(fakeJWE(`{"alg":"dir","enc":"A128GCM"}`), ".AAAA.", ".A*AA.", 1), secret(16), jwe.ErrNotJWE, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			r, err := jwe.Decrypt(tt.token, tt.key)
			if !errors.Is(err, tt.want) || r != nil {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.mention) {
				t.Errorf("%q does not mention %q", err, tt.mention)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("refusing took %v", d)
			}
		})
	}
}

// The key is pinned to the alg family and size before decryption.
func TestKeyFit(t *testing.T) {
	rsaTok, _ := jwe.Encrypt([]byte("x"), keyFor(t, "RSA-OAEP-256"), "RSA-OAEP-256", "A128GCM", jwe.EncryptOptions{})
	dirTok, _ := jwe.Encrypt([]byte("x"), secret(32), "dir", "A256GCM", jwe.EncryptOptions{})
	kwTok, _ := jwe.Encrypt([]byte("x"), secret(16), "A128KW", "A128GCM", jwe.EncryptOptions{})
	ecTok, _ := jwe.Encrypt([]byte("x"), keyFor(t, "ECDH-ES"), "ECDH-ES", "A128GCM", jwe.EncryptOptions{})
	rsaPub := jot.ReadKey(publicPEM(t, keyFor(t, "RSA-OAEP-256")), jot.SecretUTF8)
	tests := []struct {
		name, token string
		key         *jot.KeyMaterial
		want        error
		mention     string
	}{
		{"secret for RSA-OAEP-256", rsaTok, secret(32), jwe.ErrKey, "RSA private"},
		{"public PEM for RSA-OAEP-256", rsaTok, rsaPub, jwe.ErrKey, "RSA 2048-bit public key"},
		{"EC key for RSA-OAEP-256", rsaTok, keyFor(t, "ECDH-ES"), jwe.ErrKey, "RSA"},
		{"RSA key for ECDH-ES", ecTok, keyFor(t, "RSA-OAEP-256"), jwe.ErrKey, "EC"},
		{"short dir key", dirTok, secret(16), jwe.ErrKey, "32-byte"},
		{"RSA key for dir", dirTok, keyFor(t, "RSA-OAEP-256"), jwe.ErrKey, "symmetric"},
		{"long A128KW key", kwTok, secret(32), jwe.ErrKey, "16-byte"},
		{"wrong dir key", dirTok, jot.ReadKey(strings.Repeat("j", 32), jot.SecretUTF8), jwe.ErrDecrypt, ""},
		{"wrong A128KW key", kwTok, jot.ReadKey(strings.Repeat("j", 16), jot.SecretUTF8), jwe.ErrDecrypt, ""},
		{"JWK for signatures", kwTok, jot.ReadKey(`{"kty":"oct","use":"sig","k":"`+b64.EncodeToString(bytes.Repeat([]byte("k"), 16))+`"}`, ""), jwe.ErrKey, "sig"},
		{"JWK for another alg", kwTok, jot.ReadKey(`{"kty":"oct","alg":"A128GCMKW","k":"`+b64.EncodeToString(bytes.Repeat([]byte("k"), 16))+`"}`, ""), jwe.ErrKey, "A128GCMKW"},
		{"no key", kwTok, jot.ReadKey("", ""), jwe.ErrNoKey, ""},
		{"nil key", kwTok, nil, jwe.ErrNoKey, ""},
		{"unreadable key", kwTok, jot.ReadKey(`{"kty":"nope"}`, ""), jwe.ErrNoKey, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.token == "" {
				t.Fatal("no token")
			}
			_, err := jwe.Decrypt(tt.token, tt.key)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.mention) {
				t.Fatalf("err = %v, want %v mentioning %q", err, tt.want, tt.mention)
			}
		})
	}
}

// A JWK Set is searched by the token's kid (RFC 7517 §4.5).
func TestJWKSetByKid(t *testing.T) {
	k1 := `{"kty":"oct","kid":"one","k":"` + b64.EncodeToString(bytes.Repeat([]byte("1"), 16)) + `"}`
	k2 := `{"kty":"oct","kid":"two","k":"` + b64.EncodeToString(bytes.Repeat([]byte("2"), 16)) + `"}`
	set := jot.ReadKey(`{"keys":[`+k1+`,`+k2+`]}`, "")
	tok, err := jwe.Encrypt([]byte("for two"), jot.ReadKey(k2, ""), "A128KW", "A256GCM", jwe.EncryptOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := jwe.Decrypt(tok, set)
	if err != nil || string(r.Plaintext) != "for two" || r.Kid != "two" {
		t.Fatalf("Decrypt = %+v, %v", r, err)
	}
	other, _ := jwe.Encrypt([]byte("x"), jot.ReadKey(k2, ""), "A128KW", "A256GCM", jwe.EncryptOptions{Kid: "three"})
	if _, err := jwe.Decrypt(other, set); !errors.Is(err, jwe.ErrNoKey) || !strings.Contains(err.Error(), `"three"`) {
		t.Fatalf("unknown kid: %v", err)
	}
	plain := jot.ReadKey(k2, "")
	nokid, _ := jwe.Encrypt([]byte("x"), jot.ReadKey(`{"kty":"oct","k":"`+b64.EncodeToString(bytes.Repeat([]byte("2"), 16))+`"}`, ""), "A128KW", "A256GCM", jwe.EncryptOptions{})
	if _, err := jwe.Decrypt(nokid, set); !errors.Is(err, jwe.ErrNoKey) || !strings.Contains(err.Error(), "2 keys") {
		t.Fatalf("no kid with two keys: %v", err)
	}
	if _, err := jwe.Decrypt(nokid, plain); err != nil {
		t.Fatalf("one JWK, no kid: %v", err)
	}
}

// zip "DEF" (RFC 7516 §4.1.3): inflated, noted, and bounded by go-jose's
// limit of 250 kB or ten times the compressed size.
func TestZip(t *testing.T) {
	key := bytes.Repeat([]byte("z"), 32)
	deflated := func(pt []byte) string {
		e, err := jose.NewEncrypter(jose.A256GCM, jose.Recipient{Algorithm: jose.DIRECT, Key: key},
			&jose.EncrypterOptions{Compression: jose.DEFLATE})
		if err != nil {
			t.Fatal(err)
		}
		obj, err := e.Encrypt(pt)
		if err != nil {
			t.Fatal(err)
		}
		s, err := obj.CompactSerialize()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	km := jot.ReadKey(string(key), jot.SecretUTF8)
	small := []byte(`{"sub":"` + strings.Repeat("a", 1000) + `"}`)
	r, err := jwe.Decrypt(deflated(small), km)
	if err != nil || !bytes.Equal(r.Plaintext, small) || r.Zip != "DEF" || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "RFC 8725 §3.6") {
		t.Fatalf("small: %+v, %v", r, err)
	}
	bomb := deflated(make([]byte, 4<<20))
	if len(bomb) > jot.MaxTokenSize {
		t.Fatalf("the bomb is %d bytes, over the token limit", len(bomb))
	}
	if _, err := jwe.Decrypt(bomb, km); !errors.Is(err, jwe.ErrTooLarge) {
		t.Fatalf("4 MiB of zeros: err = %v, want ErrTooLarge", err)
	}
	// 200 kB is under go-jose's floor of 250 kB.
	if r, err := jwe.Decrypt(deflated(make([]byte, 200_000)), km); err != nil || len(r.Plaintext) != 200_000 {
		t.Fatalf("200 kB: %v", err)
	}
}

// A plaintext that is a JWS is handed back for verification, with or
// without cty.
func TestNested(t *testing.T) {
	const inner = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJpbm5lciJ9.c2lnbmF0dXJl"
	km := secret(16)
	for _, cty := range []string{"JWT", "jwt", "application/JWT", ""} {
		tok, err := jwe.Encrypt([]byte(inner), km, "A128KW", "A128GCM", jwe.EncryptOptions{Cty: cty})
		if err != nil {
			t.Fatal(err)
		}
		r, err := jwe.Decrypt(tok, km)
		if err != nil || !r.Nested || r.Inner != inner || r.Claims != nil || r.Cty != cty {
			t.Fatalf("cty %q: %+v, %v", cty, r, err)
		}
		if (cty == "") != (len(r.Notes) == 1) {
			t.Errorf("cty %q: notes %v", cty, r.Notes)
		}
	}
	tok, _ := jwe.Encrypt([]byte("a.b.c"), km, "A128KW", "A128GCM", jwe.EncryptOptions{})
	if r, err := jwe.Decrypt(tok, km); err != nil || r.Nested || r.Claims != nil {
		t.Fatalf("a.b.c is not a JWS: %+v, %v", r, err)
	}
}

// Encrypt refuses what Decrypt refuses, and needs only a public key.
func TestEncryptRefusals(t *testing.T) {
	if _, err := jwe.Encrypt([]byte("x"), keyFor(t, "RSA-OAEP"), "RSA1_5", "A128GCM", jwe.EncryptOptions{}); !errors.Is(err, jwe.ErrRefused) {
		t.Errorf("RSA1_5: %v", err)
	}
	if _, err := jwe.Encrypt([]byte("x"), secret(16), "PBES2-HS256+A128KW", "A128GCM", jwe.EncryptOptions{}); !errors.Is(err, jwe.ErrPBES2) {
		t.Errorf("PBES2: %v", err)
	}
	if _, err := jwe.Encrypt([]byte("x"), secret(16), "dir", "A128GCM", jwe.EncryptOptions{}); err != nil {
		t.Errorf("dir: %v", err)
	}
	priv := keyFor(t, "RSA-OAEP-256")
	pub := jot.ReadKey(publicPEM(t, priv), "")
	tok, err := jwe.Encrypt([]byte("to the holder"), pub, "RSA-OAEP-256", "A256GCM", jwe.EncryptOptions{})
	if err != nil {
		t.Fatalf("public PEM: %v", err)
	}
	if r, err := jwe.Decrypt(tok, priv); err != nil || string(r.Plaintext) != "to the holder" {
		t.Fatalf("Decrypt: %v", err)
	}
}

func publicPEM(t *testing.T, km *jot.KeyMaterial) string {
	t.Helper()
	b, err := keysPublicPEM(km)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
