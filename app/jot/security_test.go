package jot_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// TestVerifySecurityRules covers the verification rules of DESIGN.md, each
// with a token that a lax verifier (golang-jwt with its defaults) accepts.
func TestVerifySecurityRules(t *testing.T) {
	ours := newEC(t)
	attacker := newEC(t)
	rsaVec := rfcVectors(t)["rfc7515_A2_RS256"]
	rsaKey, err := keys.ParseJWK(rsaVec.JWK)
	if err != nil {
		t.Fatal(err)
	}
	attackerJWK, err := keys.PublicJWK(attacker.Public)
	if err != nil {
		t.Fatal(err)
	}
	claims := []byte(`{"sub":"alice"}`)
	good := hs256(secret, `{"alg":"HS256","kid":"h"}`, claims)
	parts := strings.Split(good, ".")
	withCRLF := func(i int) string {
		p := append([]string(nil), parts...)
		p[i] = p[i][:4] + "\r\n" + p[i][4:]
		return strings.Join(p, ".")
	}
	hmacSet := setOf(t, hmacKey("h", secret))

	tests := []struct {
		name    string
		token   string
		keys    jot.KeySet
		wantErr error
		segment string // the SegmentError's segment, when one is expected
	}{
		{name: "control: a good HS256 token", token: good, keys: hmacSet},

		{name: "alg none", token: b64.EncodeToString([]byte(`{"alg":"none"}`)) + "." + parts[1] + ".", keys: hmacSet, wantErr: jot.ErrAlgNone},
		{name: "alg None", token: b64.EncodeToString([]byte(`{"alg":"None"}`)) + "." + parts[1] + ".", keys: hmacSet, wantErr: jot.ErrAlgNone},
		{name: "alg NONE with a kid", token: b64.EncodeToString([]byte(`{"alg":"NONE","kid":"h"}`)) + "." + parts[1] + ".", keys: hmacSet, wantErr: jot.ErrAlgNone},
		{name: "alg nOnE with a MAC", token: hs256(secret, `{"alg":"nOnE"}`, claims), keys: hmacSet, wantErr: jot.ErrAlgNone},

		// Algorithm confusion: an HMAC token keyed with bytes the attacker
		// knows, checked against our public keys.
		{name: "HS256 against an EC public key", token: hs256([]byte("the public key's PEM bytes, known to all"), `{"alg":"HS256"}`, claims), keys: setOf(t, &keys.Key{Kid: "ec", Public: ours.Public}), wantErr: jot.ErrKeyType},
		{name: "HS256 against an RSA public key", token: hs256([]byte("the public key's PEM bytes, known to all"), `{"alg":"HS256","kid":"rsa"}`, claims), keys: setOf(t, &keys.Key{Kid: "rsa", Public: rsaKey.Public}), wantErr: jot.ErrKeyType},
		{name: "ES256 against an HMAC secret", token: sign(t, map[string]any{"sub": "a"}, "ES256", attacker, nil), keys: setOf(t, hmacKey(attacker.Kid, secret)), wantErr: jot.ErrKeyType},
		{name: "RS256 against an EC key", token: rsaVec.Token, keys: setOf(t, &keys.Key{Public: ours.Public}), wantErr: jot.ErrKeyType},
		{name: "alg differs from the key's alg", token: hs256(secret, `{"alg":"HS384"}`, claims), keys: setOf(t, &keys.Key{Alg: "HS256", Public: secret}), wantErr: jot.ErrKeyType},

		{name: "HS256 key of 31 bytes", token: hs256(secret[:31], `{"alg":"HS256"}`, claims), keys: setOf(t, hmacKey("", secret[:31])), wantErr: jot.ErrHMACKeyTooShort},
		{name: "HS512 key of 32 bytes", token: hs256(secret, `{"alg":"HS512"}`, claims), keys: hmacSet, wantErr: jot.ErrHMACKeyTooShort},
		{name: "empty HMAC key", token: hs256(nil, `{"alg":"HS256"}`, claims), keys: setOf(t, hmacKey("", []byte{})), wantErr: jot.ErrHMACKeyTooShort},

		{name: "CR LF in the header", token: withCRLF(0), keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentHeader},
		{name: "CR LF in the payload", token: withCRLF(1), keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentPayload},
		{name: "CR LF in the signature", token: withCRLF(2), keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentSignature},
		{name: "space in the payload", token: parts[0] + "." + parts[1][:3] + " " + parts[1][3:] + "." + parts[2], keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentPayload},
		{name: "padding", token: good + "=", keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentSignature},
		{name: "standard alphabet", token: strings.Replace(hs256(secret, `{"alg":"HS256"}`, []byte{0xfb, 0xff}), ".-_8.", ".+/8.", 1), keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentPayload},
		{name: "non-zero trailing bits", token: parts[0] + "." + parts[1] + "." + flipTrailingBit(parts[2]), keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentSignature},
		{name: "impossible length", token: parts[0] + "." + parts[1] + "." + parts[2] + "AB", keys: hmacSet, wantErr: jot.ErrBase64, segment: jot.SegmentSignature},

		{name: "claims not UTF-8", token: hs256(secret, `{"alg":"HS256"}`, []byte("{\"sub\":\"\xff\xfe\"}")), keys: hmacSet, wantErr: jot.ErrUTF8, segment: jot.SegmentPayload},
		{name: "header not UTF-8", token: hs256(secret, "{\"alg\":\"HS256\",\"x\":\"\xc3\x28\"}", claims), keys: hmacSet, wantErr: jot.ErrUTF8, segment: jot.SegmentHeader},
		{name: "duplicate alg in the header", token: hs256(secret, `{"alg":"HS256","alg":"none"}`, claims), keys: hmacSet, wantErr: jot.ErrJSON, segment: jot.SegmentHeader},
		{name: "duplicate claim", token: hs256(secret, `{"alg":"HS256"}`, []byte(`{"sub":"alice","sub":"admin"}`)), keys: hmacSet, wantErr: jot.ErrJSON, segment: jot.SegmentPayload},

		{name: "unknown crit", token: hs256(secret, `{"alg":"HS256","crit":["http://example.com/x"],"http://example.com/x":1}`, claims), keys: hmacSet, wantErr: jot.ErrCrit},
		{name: "crit naming a registered parameter", token: hs256(secret, `{"alg":"HS256","crit":["exp"],"exp":1}`, claims), keys: hmacSet, wantErr: jot.ErrCrit},
		{name: "empty crit", token: hs256(secret, `{"alg":"HS256","crit":[]}`, claims), keys: hmacSet, wantErr: jot.ErrCrit},
		{name: "crit not an array", token: hs256(secret, `{"alg":"HS256","crit":"x"}`, claims), keys: hmacSet, wantErr: jot.ErrCrit},

		{name: "kid not in the set", token: hs256(secret, `{"alg":"HS256","kid":"other"}`, claims), keys: hmacSet, wantErr: jot.ErrKeyNotFound},
		{name: "kid as a path", token: hs256(secret, `{"alg":"HS256","kid":"../../h"}`, claims), keys: hmacSet, wantErr: jot.ErrKeyNotFound},
		{name: "kid differs in case", token: hs256(secret, `{"alg":"HS256","kid":"H"}`, claims), keys: hmacSet, wantErr: jot.ErrKeyNotFound},
		{name: "kid not a string", token: hs256(secret, `{"alg":"HS256","kid":1}`, claims), keys: hmacSet, wantErr: jot.ErrKeyNotFound},
		{name: "empty key set", token: good, keys: setOf(t), wantErr: jot.ErrKeyNotFound},

		// Keys named in the header are never used: each token is signed
		// with the attacker's key and names it.
		{name: "embedded jwk, no kid", token: sign(t, map[string]any{"sub": "admin"}, "ES256", &keys.Key{Private: attacker.Private}, map[string]any{"jwk": attackerJWK}), keys: setOf(t, publicOnly(ours)), wantErr: jot.ErrSignature},
		{name: "embedded jwk, our kid", token: sign(t, map[string]any{"sub": "admin"}, "ES256", &keys.Key{Kid: ours.Kid, Private: attacker.Private}, map[string]any{"jwk": attackerJWK}), keys: setOf(t, publicOnly(ours)), wantErr: jot.ErrSignature},
		{name: "jku", token: sign(t, map[string]any{"sub": "admin"}, "ES256", &keys.Key{Kid: ours.Kid, Private: attacker.Private}, map[string]any{"jku": "https://attacker.example/jwks.json"}), keys: setOf(t, publicOnly(ours)), wantErr: jot.ErrSignature},
		{name: "x5u", token: sign(t, map[string]any{"sub": "admin"}, "ES256", &keys.Key{Kid: ours.Kid, Private: attacker.Private}, map[string]any{"x5u": "https://attacker.example/cert.pem"}), keys: setOf(t, publicOnly(ours)), wantErr: jot.ErrSignature},
		{name: "control: our key, with a jku that is ignored", token: sign(t, map[string]any{"sub": "a"}, "ES256", ours, map[string]any{"jku": "https://attacker.example/jwks.json"}), keys: setOf(t, publicOnly(ours))},

		{name: "MAC of another key", token: hs256([]byte("ffffffffffffffffffffffffffffffff"), `{"alg":"HS256","kid":"h"}`, claims), keys: hmacSet, wantErr: jot.ErrSignature},
		{name: "empty signature", token: parts[0] + "." + parts[1] + ".", keys: hmacSet, wantErr: jot.ErrSignature},
		{name: "payload swapped", token: parts[0] + "." + b64.EncodeToString([]byte(`{"sub":"admin"}`)) + "." + parts[2], keys: hmacSet, wantErr: jot.ErrSignature},

		{name: "alg missing", token: hs256(secret, `{"typ":"JWT"}`, claims), keys: hmacSet, wantErr: jot.ErrAlgMissing},
		{name: "alg not a string", token: hs256(secret, `{"alg":256}`, claims), keys: hmacSet, wantErr: jot.ErrAlgMissing},
		{name: "alg unknown", token: hs256(secret, `{"alg":"HS257"}`, claims), keys: hmacSet, wantErr: jot.ErrAlgUnsupported},
		{name: "alg in the wrong case", token: hs256(secret, `{"alg":"hs256"}`, claims), keys: hmacSet, wantErr: jot.ErrAlgUnsupported},
		{name: "two segments", token: parts[0] + "." + parts[1], keys: hmacSet, wantErr: jot.ErrSegmentCount},
		{name: "four segments", token: good + ".", keys: hmacSet, wantErr: jot.ErrSegmentCount},
		{name: "empty", token: "", keys: hmacSet, wantErr: jot.ErrSegmentCount},
		{name: "header an array", token: hs256(secret, `["HS256"]`, claims), keys: hmacSet, wantErr: jot.ErrJSON, segment: jot.SegmentHeader},
		{name: "claims an array", token: hs256(secret, `{"alg":"HS256"}`, []byte(`["alice"]`)), keys: hmacSet, wantErr: jot.ErrJSON, segment: jot.SegmentPayload},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jot.Verify(tt.token, tt.keys, at(rfcTime))
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
			var se *jot.SegmentError
			if tt.segment != "" && (!errors.As(err, &se) || se.Segment != tt.segment) {
				t.Errorf("error %v does not name segment %s", err, tt.segment)
			}
		})
	}
}

// TestVerifyWithAlgorithms checks that an allow-list refuses other algs
// even when the key fits.
func TestVerifyWithAlgorithms(t *testing.T) {
	tok := hs256(secret, `{"alg":"HS256"}`, []byte(`{}`))
	set := setOf(t, hmacKey("", secret))
	if _, err := jot.Verify(tok, set, jot.WithAlgorithms("HS256", "ES256")); err != nil {
		t.Fatalf("allowed alg: %v", err)
	}
	if _, err := jot.Verify(tok, set, jot.WithAlgorithms("ES256")); !errors.Is(err, jot.ErrAlgUnsupported) {
		t.Fatalf("Verify = %v, want %v", err, jot.ErrAlgUnsupported)
	}
}

// TestVerifyTriesEveryCandidate checks that without a kid the key that
// fits is found among others, and reported.
func TestVerifyTriesEveryCandidate(t *testing.T) {
	ec, other := newEC(t), newEC(t)
	rsaKey, err := keys.ParseJWK(rfcVectors(t)["rfc7515_A2_RS256"].JWK)
	if err != nil {
		t.Fatal(err)
	}
	tok := sign(t, map[string]any{"sub": "a"}, "ES256", &keys.Key{Private: ec.Private}, nil)
	set := setOf(t, hmacKey("h", secret), &keys.Key{Kid: "rsa", Public: rsaKey.Public}, publicOnly(other), publicOnly(ec))
	got, err := jot.Verify(tok, set)
	if err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if got.Key.Kid != ec.Kid {
		t.Errorf("verified by %q, want %q", got.Key.Kid, ec.Kid)
	}
	// With only unfitting keys and a wrong EC key, the signature error
	// is reported rather than a key type error.
	set = setOf(t, hmacKey("h", secret), publicOnly(other))
	if _, err := jot.Verify(tok, set); !errors.Is(err, jot.ErrSignature) {
		t.Errorf("Verify = %v, want %v", err, jot.ErrSignature)
	}
}

// TestVerifyWithType checks explicit typing (RFC 8725 §3.11, RFC 9068 §4):
// a token of another type, or of none, is refused by name, on a cache hit
// as on a first verification.
func TestVerifyWithType(t *testing.T) {
	set := setOf(t, hmacKey("", secret))
	tests := []struct {
		header  string
		wantErr error
	}{
		{`{"alg":"HS256","typ":"at+jwt"}`, nil},
		{`{"alg":"HS256","typ":"application/at+jwt"}`, nil},
		{`{"alg":"HS256","typ":"AT+JWT"}`, nil},
		{`{"alg":"HS256","typ":"JWT"}`, jot.ErrType},
		{`{"alg":"HS256"}`, jot.ErrType},
		{`{"alg":"HS256","typ":7}`, jot.ErrType},
		{`{"alg":"HS256","typ":"application/jwt"}`, jot.ErrType},
		{`{"alg":"HS256","typ":"at+jwt+x"}`, jot.ErrType},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			tok := hs256(secret, tt.header, []byte(`{"sub":"a"}`))
			cache := jot.NewCache(4)
			if _, err := jot.Verify(tok, set, jot.WithCache(cache)); err != nil {
				t.Fatalf("without WithType: %v", err)
			}
			for _, when := range []string{"cache hit", "fresh cache"} {
				_, err := jot.Verify(tok, set, jot.WithType("at+jwt"), jot.WithCache(cache))
				if !errors.Is(err, tt.wantErr) || (err == nil) != (tt.wantErr == nil) {
					t.Fatalf("%s: Verify = %v, want %v", when, err, tt.wantErr)
				}
				cache = jot.NewCache(4)
			}
		})
	}
}
