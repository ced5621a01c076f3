package jot_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
)

// TestVerifyClaims checks RFC 7519 §4.1 validation against a fixed clock.
func TestVerifyClaims(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	n := now.Unix()
	leeway := jot.WithLeeway(30 * time.Second)
	tests := []struct {
		name    string
		claims  string
		opts    []jot.Option
		wantErr error
	}{
		{name: "no time claims", claims: `{}`},
		{name: "exp in the future", claims: js(`{"exp":%d}`, n+1)},
		{name: "exp now", claims: js(`{"exp":%d}`, n), wantErr: jot.ErrExpired},
		{name: "exp past", claims: js(`{"exp":%d}`, n-1), wantErr: jot.ErrExpired},
		{name: "exp past, within leeway", claims: js(`{"exp":%d}`, n-29), opts: []jot.Option{leeway}},
		{name: "exp past, beyond leeway", claims: js(`{"exp":%d}`, n-31), opts: []jot.Option{leeway}, wantErr: jot.ErrExpired},
		{name: "exp fractional, just past", claims: js(`{"exp":%d.5}`, n-1), wantErr: jot.ErrExpired},
		{name: "exp fractional, just ahead", claims: js(`{"exp":%d.5}`, n)},
		{name: "exp a string", claims: `{"exp":"tomorrow"}`, wantErr: jot.ErrClaimType},
		{name: "exp huge", claims: `{"exp":1e300}`, wantErr: jot.ErrClaimType},
		{name: "exp null", claims: `{"exp":null}`, wantErr: jot.ErrClaimType},
		{name: "nbf now", claims: js(`{"nbf":%d}`, n)},
		{name: "nbf future", claims: js(`{"nbf":%d}`, n+1), wantErr: jot.ErrNotYetValid},
		{name: "nbf future, within leeway", claims: js(`{"nbf":%d}`, n+30), opts: []jot.Option{leeway}},
		{name: "nbf future, beyond leeway", claims: js(`{"nbf":%d}`, n+31), opts: []jot.Option{leeway}, wantErr: jot.ErrNotYetValid},
		{name: "nbf a bool", claims: `{"nbf":true}`, wantErr: jot.ErrClaimType},
		{name: "iat past", claims: js(`{"iat":%d}`, n-3600)},
		{name: "iat future", claims: js(`{"iat":%d}`, n+60), wantErr: jot.ErrIssuedInFuture},
		{name: "iat future, within leeway", claims: js(`{"iat":%d}`, n+20), opts: []jot.Option{leeway}},
		{name: "iat an object", claims: `{"iat":{}}`, wantErr: jot.ErrClaimType},
		{name: "iss matches", claims: `{"iss":"https://as.example"}`, opts: []jot.Option{jot.WithIssuer("https://as.example")}},
		{name: "iss differs", claims: `{"iss":"https://evil.example"}`, opts: []jot.Option{jot.WithIssuer("https://as.example")}, wantErr: jot.ErrIssuer},
		{name: "iss differs by a slash", claims: `{"iss":"https://as.example/"}`, opts: []jot.Option{jot.WithIssuer("https://as.example")}, wantErr: jot.ErrIssuer},
		{name: "iss missing", claims: `{}`, opts: []jot.Option{jot.WithIssuer("https://as.example")}, wantErr: jot.ErrIssuer},
		{name: "iss not a string", claims: `{"iss":["https://as.example"]}`, opts: []jot.Option{jot.WithIssuer("https://as.example")}, wantErr: jot.ErrIssuer},
		{name: "aud string", claims: `{"aud":"api"}`, opts: []jot.Option{jot.WithAudience("api")}},
		{name: "aud array", claims: `{"aud":["web","api"]}`, opts: []jot.Option{jot.WithAudience("api")}},
		{name: "aud other", claims: `{"aud":["web"]}`, opts: []jot.Option{jot.WithAudience("api")}, wantErr: jot.ErrAudience},
		{name: "aud missing", claims: `{}`, opts: []jot.Option{jot.WithAudience("api")}, wantErr: jot.ErrAudience},
		{name: "aud a number", claims: `{"aud":1}`, opts: []jot.Option{jot.WithAudience("api")}, wantErr: jot.ErrClaimType},
		{name: "aud array with a number", claims: `{"aud":["api",1]}`, opts: []jot.Option{jot.WithAudience("api")}, wantErr: jot.ErrClaimType},
		{name: "aud unchecked without WithAudience", claims: `{"aud":1}`},
		{name: "required present", claims: `{"sub":"a","jti":"x"}`, opts: []jot.Option{jot.WithRequiredClaims("sub", "jti")}},
		{name: "required missing", claims: `{"sub":"a"}`, opts: []jot.Option{jot.WithRequiredClaims("sub", "jti")}, wantErr: jot.ErrClaimMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok := hs256(secret, `{"alg":"HS256"}`, []byte(tt.claims))
			opts := append([]jot.Option{at(now)}, tt.opts...)
			got, err := jot.Verify(tok, setOf(t, hmacKey("", secret)), opts...)
			if tt.wantErr == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if string(got.Payload) != tt.claims || got.Claims == nil {
					t.Errorf("payload %q, claims %v", got.Payload, got.Claims)
				}
				return
			}
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func js(format string, n int64) string { return fmt.Sprintf(format, n) }

func TestNumericDate(t *testing.T) {
	tests := []struct {
		name    string
		claims  string
		want    time.Time
		present bool
		wantErr error
	}{
		{name: "absent", claims: `{}`},
		{name: "integer", claims: `{"exp":1300819380}`, want: time.Unix(1300819380, 0), present: true},
		{name: "fraction", claims: `{"exp":1.5}`, want: time.Unix(1, 5e8), present: true},
		{name: "negative", claims: `{"exp":-1}`, want: time.Unix(-1, 0), present: true},
		{name: "string", claims: `{"exp":"1"}`, present: true, wantErr: jot.ErrClaimType},
		{name: "beyond 2^53", claims: `{"exp":1e16}`, present: true, wantErr: jot.ErrClaimType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var claims map[string]any
			dec := json.NewDecoder(strings.NewReader(tt.claims))
			dec.UseNumber()
			if err := dec.Decode(&claims); err != nil {
				t.Fatal(err)
			}
			got, present, err := jot.NumericDate(claims, "exp")
			if present != tt.present || !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
				t.Fatalf("NumericDate = %v, %v, %v", got, present, err)
			}
			if tt.wantErr == nil && !got.Equal(tt.want) {
				t.Errorf("NumericDate = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAudiences(t *testing.T) {
	tests := []struct {
		aud     any
		want    []string
		wantErr error
	}{
		{aud: nil},
		{aud: "a", want: []string{"a"}},
		{aud: []any{"a", "b"}, want: []string{"a", "b"}},
		{aud: []any{}, want: []string{}},
		{aud: []any{"a", 2.0}, wantErr: jot.ErrClaimType},
		{aud: map[string]any{}, wantErr: jot.ErrClaimType},
	}
	for _, tt := range tests {
		claims := map[string]any{}
		if tt.aud != nil {
			claims["aud"] = tt.aud
		}
		got, err := jot.Audiences(claims)
		if !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
			t.Errorf("Audiences(%v) error %v, want %v", tt.aud, err, tt.wantErr)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("Audiences(%v) = %q, want %q", tt.aud, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Audiences(%v) = %q, want %q", tt.aud, got, tt.want)
			}
		}
	}
}
