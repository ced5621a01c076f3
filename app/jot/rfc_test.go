package jot_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// TestVerifyRFCVectors runs the RFC 7515 Appendix A and RFC 8037 examples
// from ../shared/vectors/rfc_vectors.json through Verify with a clock
// pinned before their exp.
func TestVerifyRFCVectors(t *testing.T) {
	vectors := rfcVectors(t)
	tests := []struct {
		name    string
		opts    []jot.Option
		wantErr error // nil: accepted
		iss     string
	}{
		{name: "rfc7515_A1_HS256", iss: "joe"},
		{name: "rfc7515_A2_RS256", iss: "joe"},
		{name: "rfc7515_A3_ES256", iss: "joe"},
		// The A.4 payload is the bytes "Payload", not a claims set: the JWS
		// verifies, the JWT does not.
		{name: "rfc7515_A4_ES512", opts: []jot.Option{jot.WithSignatureOnly()}},
		{name: "rfc7515_A4_ES512", wantErr: jot.ErrJSON},
		{name: "rfc7515_A5_none", wantErr: jot.ErrAlgNone},
		{name: "rfc7515_A5_none", opts: []jot.Option{jot.WithSignatureOnly()}, wantErr: jot.ErrAlgNone},
		{name: "rfc8037_A4_Ed25519", opts: []jot.Option{jot.WithSignatureOnly()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := vectors[tt.name]
			if !ok {
				t.Fatalf("%s is not in rfc_vectors.json", tt.name)
			}
			set := &keys.Set{}
			if len(v.JWK) > 0 {
				k, err := keys.ParseJWK(v.JWK)
				if err != nil {
					t.Fatalf("ParseJWK: %v", err)
				}
				set.Add(k)
			}
			tok, err := jot.Verify(v.Token, jot.KeySet{Set: set}, append([]jot.Option{at(rfcTime)}, tt.opts...)...)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			want := v.PayloadJSON + v.PayloadText
			if want == "" {
				// A.2 and A.3 sign the same claims as A.1.
				want = vectors["rfc7515_A1_HS256"].PayloadJSON
			}
			if string(tok.Payload) != want {
				t.Errorf("payload %q, want %q", tok.Payload, want)
			}
			if tt.iss != "" && tok.Claims["iss"] != tt.iss {
				t.Errorf("iss = %v, want %q", tok.Claims["iss"], tt.iss)
			}
			if got := tok.Header["alg"]; got != tok.Alg.Name || !strings.Contains(v.HeaderJSON, `"`+tok.Alg.Name+`"`) {
				t.Errorf("alg %v / %s, header %s", got, tok.Alg.Name, v.HeaderJSON)
			}
		})
	}
}

// TestVerifyRFCExpiry checks the RFC 7519 example's exp against clocks on
// both sides of it, with and without leeway.
func TestVerifyRFCExpiry(t *testing.T) {
	v := rfcVectors(t)["rfc7515_A1_HS256"]
	k, err := keys.ParseJWK(v.JWK)
	if err != nil {
		t.Fatal(err)
	}
	exp := time.Unix(1300819380, 0)
	tests := []struct {
		name    string
		opts    []jot.Option
		wantErr error
	}{
		{"one second before exp", []jot.Option{at(exp.Add(-time.Second))}, nil},
		{"at exp", []jot.Option{at(exp)}, jot.ErrExpired},
		{"now", nil, jot.ErrExpired},
		{"ten seconds late, leeway 30s", []jot.Option{at(exp.Add(10 * time.Second)), jot.WithLeeway(30 * time.Second)}, nil},
		{"a minute late, leeway 30s", []jot.Option{at(exp.Add(time.Minute)), jot.WithLeeway(30 * time.Second)}, jot.ErrExpired},
		{"signature only ignores exp", []jot.Option{jot.WithSignatureOnly()}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := jot.Verify(v.Token, setOf(t, k), tt.opts...)
			if tt.wantErr == nil && err != nil || !errors.Is(err, tt.wantErr) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
