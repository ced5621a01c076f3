package naivelab_test

import (
	"context"
	"crypto/rand"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/naivelab"
)

var labNow = time.Date(2026, 12, 3, 4, 0, 0, 0, time.UTC)

func newLab(t testing.TB) *naivelab.Lab {
	t.Helper()
	l, err := naivelab.New(func() time.Time { return labNow })
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func labTokens(t testing.TB, l *naivelab.Lab) map[string]string {
	t.Helper()
	toks, err := l.Tokens()
	if err != nil {
		t.Fatal(err)
	}
	return toks
}

// attackFor builds, from the lab's own tokens and keys, the attack that
// each endpoint falls to; the weak secret is cracked first.
func attackFor(t *testing.T, l *naivelab.Lab, endpoint string) []string {
	t.Helper()
	toks := labTokens(t, l)
	secret, err := attack.Crack(context.Background(), toks["weak-secret"], attack.Words(""), nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := attack.ForLab(endpoint, toks, l.PublicKeys(), secret, rand.Reader, labNow)
	if err != nil {
		t.Fatalf("%s: %v", endpoint, err)
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Token)
	}
	return out
}

// TestEachEndpointFallsToItsAttack checks that each naive endpoint
// accepts the attack it is vulnerable to, and that a verifier that makes
// none of the lab's mistakes (the weak-secret endpoint aside, which
// accepts only its own HS256 tokens) refuses every one of them.
func TestEachEndpointFallsToItsAttack(t *testing.T) {
	l := newLab(t)
	for _, e := range naivelab.Endpoints() {
		t.Run(e.Name, func(t *testing.T) {
			toks := attackFor(t, l, e.Name)
			if len(toks) == 0 {
				t.Fatal("no attack tokens")
			}
			for _, tok := range toks {
				claims, _, err := l.Verify(e.Name, tok)
				if err != nil {
					t.Errorf("the naive endpoint refused its attack %.60s…: %v", tok, err)
					continue
				}
				if claims == nil {
					t.Error("accepted without claims")
				}
				if e.Name != "claims" && e.Name != "substitution" && claims["sub"] != "admin" {
					t.Errorf("accepted claims %v, want the forged sub admin", claims)
				}
				if e.Name == "decode-only" {
					continue
				}
				// The same token at an endpoint that makes another
				// mistake is refused, unless that mistake also lets it in.
				for _, other := range []string{"claims", "substitution"} {
					if other == e.Name {
						continue
					}
					if _, _, err := l.Verify(other, tok); err == nil && e.Name != "claims" && e.Name != "substitution" {
						t.Errorf("%s accepted the %s attack", other, e.Name)
					}
				}
			}
			if e.Mistake == "" || !strings.Contains(e.Section, "RFC") && !strings.Contains(e.Section, "CVE") {
				t.Errorf("endpoint %s lacks its mistake or reference: %+v", e.Name, e)
			}
		})
	}
}

// TestEndpointsStillVerifySomething checks that each endpoint but
// decode-only refuses a token signed by a stranger's key with no trick in
// it: each makes one mistake, not all of them.
func TestEndpointsStillVerifySomething(t *testing.T) {
	l := newLab(t)
	stranger, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	stranger.Kid = "lab-ec"
	tok := labTokens(t, l)["access"]
	a, err := attack.Tampered(tok)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range naivelab.Endpoints() {
		_, _, err := l.Verify(e.Name, a.Token)
		if e.Name == "decode-only" {
			if err != nil {
				t.Errorf("decode-only refused: %v", err)
			}
			continue
		}
		if !errors.Is(err, naivelab.ErrRefused) {
			t.Errorf("%s accepted a tampered token (err %v)", e.Name, err)
		}
	}
	if _, _, err := l.Verify("nope", tok); !errors.Is(err, naivelab.ErrUnknown) {
		t.Errorf("unknown endpoint: %v", err)
	}
	if _, _, err := l.Verify("none", "a.b"); !errors.Is(err, naivelab.ErrMalformed) {
		t.Errorf("malformed: %v", err)
	}
}

// TestLabTokensOwnMistakes checks the sample tokens: the good access
// tokens pass the endpoints that verify properly, and each bad one is
// refused by an endpoint that checks what it gets wrong.
func TestLabTokensOwnMistakes(t *testing.T) {
	l := newLab(t)
	toks := labTokens(t, l)
	for _, name := range []string{"access", "access-rs256"} {
		if _, _, err := l.Verify("jwk", toks[name]); err != nil {
			t.Errorf("%s refused where no trick is used: %v", name, err)
		}
	}
	if _, _, err := l.Verify("psychic", toks["access"]); err != nil {
		t.Errorf("the psychic endpoint refused a real ES256 signature: %v", err)
	}
	for name, want := range map[string]error{
		"expired": naivelab.ErrClaims, "not-yet-valid": naivelab.ErrClaims, "other-audience": naivelab.ErrClaims,
		"other-issuer": naivelab.ErrClaims, "id-token": naivelab.ErrType, "refresh": naivelab.ErrType,
	} {
		if _, _, err := l.Verify("none", toks[name]); !errors.Is(err, want) {
			t.Errorf("%s: %v, want %v", name, err, want)
		}
	}
}

// FuzzVerify throws arbitrary text at every lab endpoint: each answers
// with claims or a refusal, and never panics.
func FuzzVerify(f *testing.F) {
	l := newLab(f)
	for _, tok := range labTokens(f, l) {
		f.Add(tok)
	}
	f.Add("eyJhbGciOiJub25lIn0.e30.")
	f.Add(`eyJhbGciOiJFUzI1NiIsImprdSI6ImRhdGE6LGZvbyJ9.e30.AA`)
	f.Fuzz(func(t *testing.T, tok string) {
		for _, e := range naivelab.Endpoints() {
			claims, _, err := l.Verify(e.Name, tok)
			if (err == nil) == (claims == nil) {
				t.Fatalf("%s: claims %v with err %v", e.Name, claims, err)
			}
			if err != nil && !errors.Is(err, naivelab.ErrRefused) {
				t.Fatalf("%s: %v does not wrap ErrRefused", e.Name, err)
			}
		}
	})
}
