package jot_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

type cookbookJWS struct {
	Input struct {
		Payload string          `json:"payload"`
		Key     json.RawMessage `json:"key"`
		Alg     json.RawMessage `json:"alg"`
	} `json:"input"`
	Output struct {
		Compact string `json:"compact"`
	} `json:"output"`
}

// TestVerifyJOSECookbook verifies the RFC 7520 §4 (and RFC 8037) examples
// that have a compact serialization. §4.6 to §4.8 exist only in the JSON
// serializations, which this package does not read.
func TestVerifyJOSECookbook(t *testing.T) {
	tests := []struct {
		file     string
		alg      string
		detached bool // RFC 7520 §4.5: the payload is not in the token
	}{
		{file: "jws_4_1.rsa_v15_signature.json", alg: "RS256"},
		{file: "jws_4_2.rsa-pss_signature.json", alg: "PS384"},
		{file: "jws_4_3.ecdsa_signature.json", alg: "ES512"},
		{file: "jws_4_4.hmac-sha2_integrity_protection.json", alg: "HS256"},
		{file: "jws_4_5.signature_with_detached_content.json", alg: "HS256", detached: true},
		{file: "curve25519_jws.json", alg: "EdDSA"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			var v cookbookJWS
			loadVectors(t, "jose-cookbook/"+tt.file, &v)
			if v.Output.Compact == "" {
				t.Fatal("no compact serialization")
			}
			k, err := keys.ParseJWK(v.Input.Key)
			if err != nil {
				t.Fatalf("ParseJWK: %v", err)
			}
			set := setOf(t, publicOnly(k))
			token := v.Output.Compact
			if tt.detached {
				// As given, the empty payload does not match the signature.
				if _, err := jot.Verify(token, set, jot.WithSignatureOnly()); !errors.Is(err, jot.ErrSignature) {
					t.Fatalf("detached token without its payload: %v, want %v", err, jot.ErrSignature)
				}
				h, _, sig := cut3(token)
				token = h + "." + b64.EncodeToString([]byte(v.Input.Payload)) + "." + sig
			}
			got, err := jot.Verify(token, set, jot.WithSignatureOnly())
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if got.Alg.Name != tt.alg || string(got.Payload) != v.Input.Payload {
				t.Errorf("alg %s, payload %q", got.Alg.Name, got.Payload)
			}
			// The payload is prose, not a claims set.
			if _, err := jot.Verify(token, set); !errors.Is(err, jot.ErrJSON) {
				t.Errorf("as a JWT: %v, want %v", err, jot.ErrJSON)
			}
			// One changed payload character breaks the signature.
			h, p, sig := cut3(token)
			p = strings.Replace(p, "S", "T", 1)
			if _, err := jot.Verify(h+"."+p+"."+sig, set, jot.WithSignatureOnly()); !errors.Is(err, jot.ErrSignature) {
				t.Errorf("tampered payload: %v, want %v", err, jot.ErrSignature)
			}
		})
	}
}

func cut3(token string) (string, string, string) {
	p := strings.SplitN(token, ".", 3)
	return p[0], p[1], p[2]
}
