package jwtcheck_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwtcheck"
	"github.com/authlab/authlab/app/keys"
)

const secret = "bench-secret-of-thirty-two-bytes"

// sign makes an HS256 token of payload with secret.
func sign(t *testing.T, payload string) string {
	t.Helper()
	b := []byte(secret)
	tok, err := jot.SignJSON([]byte(`{"alg":"HS256","typ":"JWT"}`), []byte(payload), &keys.Key{Public: b, Private: b})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// now is the clock of every check here.
var now = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

func TestEarly(t *testing.T) {
	expired := sign(t, `{"sub":"user-42","exp":`+itoa(now.Add(-30*time.Second).Unix())+`}`)
	good := sign(t, `{"sub":"user-42","iss":"https://issuer.example","exp":`+itoa(now.Add(time.Hour).Unix())+`}`)
	for _, c := range []struct {
		name, token, key string
		f                jwtcheck.Fields
		want             string
	}{
		{"right secret", good, secret, jwtcheck.Fields{Now: now}, jot.StateValid},
		{"right secret, Bearer prefix", "Bearer " + good, secret, jwtcheck.Fields{Now: now}, jot.StateValid},
		{"wrong secret", good, secret + "!", jwtcheck.Fields{Now: now}, jot.StateInvalid},
		{"no key", good, "", jwtcheck.Fields{Now: now}, jot.StateUnverified},
		{"expired 30 s ago", expired, secret, jwtcheck.Fields{Now: now}, jot.StateInvalid},
		{"expired 30 s ago, 60 s skew (RFC 7519 §4.1.4)", expired, secret, jwtcheck.Fields{Now: now, Skew: 60}, jot.StateValid},
		{"expected issuer", good, secret, jwtcheck.Fields{Now: now, Issuer: "https://issuer.example"}, jot.StateValid},
		{"another issuer expected", good, secret, jwtcheck.Fields{Now: now, Issuer: "https://other.example"}, jot.StateInvalid},
		{"another audience expected", good, secret, jwtcheck.Fields{Now: now, Audience: "api"}, jot.StateInvalid},
		{"not a token", "not.a-token", secret, jwtcheck.Fields{Now: now}, jot.StateMalformed},
	} {
		v := jwtcheck.Early(c.token, c.key, "", c.f)
		if v == nil || v.State != c.want {
			t.Errorf("%s: verdict %+v, want %s", c.name, v, c.want)
			continue
		}
		if v.Reason == "" {
			t.Errorf("%s: no reason given", c.name)
		}
	}
}

// TestEarlyJWE: a JWE (RFC 7516, five segments) gets no early verdict,
// since only the live page decrypts.
func TestEarlyJWE(t *testing.T) {
	const jwe = "eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA"
	if v := jwtcheck.Early(jwe, secret, "", jwtcheck.Fields{Now: now}); v != nil {
		t.Errorf("a JWE got the early verdict %+v", v)
	}
}

func TestTitle(t *testing.T) {
	for _, s := range []string{jot.StateValid, jot.StateInvalid, jot.StateUnverified, jot.StateMalformed, jot.StateWeakKey} {
		if jwtcheck.Title(s) == "" {
			t.Errorf("state %q has no title", s)
		}
	}
	if got := jwtcheck.Title("no-such-state"); got != "" {
		t.Errorf("an unknown state has the title %q", got)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// FuzzEarly feeds the early checker what a visitor may paste into the
// prerendered workbench: it must never panic, must give a verdict of a
// known state with a headline and a reason for any JWS-shaped or broken
// input, and nil only for a JWE.
func FuzzEarly(f *testing.F) {
	good := "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8"
	f.Add(good, secret)
	f.Add("Bearer "+good, "")
	f.Add("eyJhbGciOiJub25lIn0.e30.", "")
	f.Add("eyJhbGciOiJkaXIiLCJlbmMiOiJBMTI4R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA", secret)
	f.Add(good, "-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----")
	f.Add(good, `{"kty":"oct","k":"AAAA"}`)
	f.Add("a.b.c", `{"keys":[{"kty":"EC","crv":"P-256","x":"","y":""}]}`)
	f.Fuzz(func(t *testing.T, token, key string) {
		v := jwtcheck.Early(token, key, "", jwtcheck.Fields{Now: now, Skew: 30})
		if v == nil {
			if !jot.Inspect(token).JWE {
				t.Fatalf("no verdict for %q, which is not a JWE", token)
			}
			return
		}
		if jwtcheck.Title(v.State) == "" || v.Reason == "" {
			t.Fatalf("verdict %+v for %q with key %q: unknown state or no reason", v, token, key)
		}
	})
}
