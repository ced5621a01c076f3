package jot_test

import (
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// TestSignHeaders checks the header Sign writes, for headers it keeps and
// for those it cannot (a member that is not a string): the members of
// extra, alg not overridden, json.Marshal's member order, and a header of
// one kind never reused for another.
func TestSignHeaders(t *testing.T) {
	k, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k.Kid = "k1"
	header := func(extra map[string]any) string {
		t.Helper()
		tok, err := jot.Sign(map[string]any{"sub": "a"}, "ES256", k, extra)
		if err != nil {
			t.Fatal(err)
		}
		b, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[0])
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, c := range []struct {
		extra map[string]any
		want  string
	}{
		{nil, `{"alg":"ES256","kid":"k1","typ":"JWT"}`},
		{map[string]any{"typ": "at+jwt"}, `{"alg":"ES256","kid":"k1","typ":"at+jwt"}`},
		{map[string]any{"typ": "at+jwt", "alg": "none"}, `{"alg":"ES256","kid":"k1","typ":"at+jwt"}`},
		{map[string]any{"typ": "JWT", "cty": "x"}, `{"alg":"ES256","cty":"x","kid":"k1","typ":"JWT"}`},
		{map[string]any{"typ": "JWT", "n": 1}, `{"alg":"ES256","kid":"k1","n":1,"typ":"JWT"}`},
		{nil, `{"alg":"ES256","kid":"k1","typ":"JWT"}`},
		{map[string]any{"typ": "at+jwt"}, `{"alg":"ES256","kid":"k1","typ":"at+jwt"}`},
		{map[string]any{"typ": "1:x"}, `{"alg":"ES256","kid":"k1","typ":"1:x"}`},
		{map[string]any{"typ": "1", "x": ""}, `{"alg":"ES256","kid":"k1","typ":"1","x":""}`},
	} {
		if got := header(c.extra); got != c.want {
			t.Errorf("extra %v: header %s, want %s", c.extra, got, c.want)
		}
	}
	k.Kid = "k2"
	if got := header(nil); got != `{"alg":"ES256","kid":"k2","typ":"JWT"}` {
		t.Errorf("another kid: header %s", got)
	}
	k.Kid = ""
	if got := header(nil); got != `{"alg":"ES256","typ":"JWT"}` {
		t.Errorf("no kid: header %s", got)
	}
}
