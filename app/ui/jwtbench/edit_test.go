package jwtbench

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func TestTokenRuns(t *testing.T) {
	tests := []struct {
		text string
		want []tokenRun
	}{
		{"aaa.bbb.ccc", []tokenRun{{"seg-header", "aaa"}, {"seg-dot", "."}, {"seg-payload", "bbb"}, {"seg-dot", "."}, {"seg-signature", "ccc"}}},
		{"Bearer aaa.bbb.\n", []tokenRun{{"", "Bearer "}, {"seg-header", "aaa"}, {"seg-dot", "."}, {"seg-payload", "bbb"}, {"seg-dot", "."}, {"", "\n"}}},
		{`"a.b.c.d"`, []tokenRun{{"", `"`}, {"seg-header", "a"}, {"seg-dot", "."}, {"seg-payload", "b"}, {"seg-dot", "."}, {"seg-signature", "c"}, {"seg-dot", "."}, {"seg-extra", "d"}, {"", `"`}}},
		{"h.k.i.c.t", []tokenRun{{"seg-header", "h"}, {"seg-dot", "."}, {"seg-key", "k"}, {"seg-dot", "."}, {"seg-iv", "i"}, {"seg-dot", "."}, {"seg-payload", "c"}, {"seg-dot", "."}, {"seg-signature", "t"}}},
		{"  ", []tokenRun{{"", "  "}}},
		{"", nil},
	}
	for _, tt := range tests {
		got := tokenRuns(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("tokenRuns(%q) = %q, want %q", tt.text, got, tt.want)
			continue
		}
		var joined strings.Builder
		for i := range got {
			joined.WriteString(got[i].text)
			if got[i] != tt.want[i] {
				t.Errorf("tokenRuns(%q)[%d] = %q, want %q", tt.text, i, got[i], tt.want[i])
			}
		}
		if joined.String() != tt.text {
			t.Errorf("tokenRuns(%q) joined is %q", tt.text, joined.String())
		}
	}
}

func TestSplice(t *testing.T) {
	for in, want := range map[string]string{
		"a.b.c":                         "x.y.z",
		"Bearer a.b.c\n":                "Bearer x.y.z\n",
		`Authorization: Bearer "a.b.c"`: `Authorization: Bearer "x.y.z"`,
		"":                              "x.y.z",
	} {
		if got := splice(in, "x.y.z"); got != want {
			t.Errorf("splice(%q) = %q, want %q", in, got, want)
		}
	}
}

// compactToken is a token whose JSON has no whitespace, as most have.
const compactToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"

func TestTokenEditRoundTrip(t *testing.T) {
	spaced := base64.RawURLEncoding.EncodeToString([]byte(`{ "alg" : "HS256" }`)) + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"n": 1.50}`)) + ".c2ln"
	for _, token := range []string{compactToken, spaced} {
		var te tokenEdit
		in := jot.Inspect(token)
		te.follow(in)
		original := te.payload.text
		if !te.payload.edit(strings.Replace(original, "}", `, "x": "1e3"}`, 1)) {
			t.Fatalf("%s: a valid edit refused: %s", token, te.payload.err)
		}
		edited := te.encode(nil)
		parts := strings.Split(edited, ".")
		if parts[0] != in.Raw[0] || parts[2] != in.Raw[2] || parts[1] == in.Raw[1] {
			t.Errorf("%s: edited to %s: only the payload should change", token, edited)
		}
		te.follow(jot.Inspect(edited))
		if te.payload.text == original {
			t.Fatalf("%s: the editor was refilled from the token it made", token)
		}
		te.payload.edit(original)
		if back := te.encode(nil); back != token {
			t.Errorf("%s: editing back gives %s", token, back)
		}
	}
}

// TestTokenEditKeepsText checks that the payload is the edited text
// itself, member order, numbers and escapes kept, without the whitespace
// between tokens.
func TestTokenEditKeepsText(t *testing.T) {
	var te tokenEdit
	te.follow(jot.Inspect(compactToken))
	te.payload.edit("{\n  \"z\": 1.50,\n  \"a\": \"\\u00e9 x\",\n  \"m\": [1, 2]\n}")
	tok := te.encode(nil)
	raw, err := base64.RawURLEncoding.DecodeString(strings.Split(tok, ".")[1])
	if err != nil || string(raw) != `{"z":1.50,"a":"\u00e9 x","m":[1,2]}` {
		t.Errorf("payload %q, %v", raw, err)
	}
}

func TestTokenEditRefusesInvalidJSON(t *testing.T) {
	var te tokenEdit
	te.follow(jot.Inspect(compactToken))
	for _, bad := range []string{`{"sub":`, `[1]`, `{"a":1,"a":2}`, ``} {
		if te.payload.edit(bad) || te.payload.err == "" {
			t.Errorf("%q accepted", bad)
		}
	}
	if !strings.Contains(te.payload.err, "left as it was") {
		t.Errorf("the error does not say the token is kept: %q", te.payload.err)
	}
}

// TestTokenEditSigns checks that a signer's token is used, and that the
// signature is kept when there is none.
func TestTokenEditSigns(t *testing.T) {
	secret := []byte(strings.Repeat("k", 32))
	k := &keys.Key{Public: secret, Private: secret}
	var te tokenEdit
	te.follow(jot.Inspect(compactToken))
	te.payload.edit(`{"sub":"admin"}`)
	tok := te.encode(func(h, p []byte) string {
		tok, err := jot.SignJSON(h, p, k)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	})
	ks := &keys.Set{}
	ks.Add(k)
	if _, err := jot.Verify(tok, jot.KeySet{Set: ks}, jot.WithSignatureOnly()); err != nil {
		t.Errorf("re-signed token %s does not verify: %v", tok, err)
	}
	if te.made != [3]string(strings.Split(tok, ".")) {
		t.Errorf("the editors stand for %v, not the token they made", te.made)
	}
	kept := te.encode(func(h, p []byte) string { return "" })
	if got := strings.Split(kept, ".")[2]; got != strings.Split(compactToken, ".")[2] {
		t.Errorf("without a signer the signature became %s", got)
	}
}
