package jot_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// TestSignJSON signs edited JSON with every alg and checks that the token
// carries the members in the order given, without whitespace, and
// verifies with the public half.
func TestSignJSON(t *testing.T) {
	for _, alg := range jot.Algorithms() {
		t.Run(alg, func(t *testing.T) {
			k := wbKeys()[alg]
			header := "{\n  \"typ\": \"JWT\",\n  \"alg\": \"" + alg + "\"\n}"
			payload := "{\n  \"sub\": \"u1\",\n  \"exp\": 4102444800,\n  \"name\": \"Zoë\"\n}"
			tok, err := jot.SignJSON([]byte(header), []byte(payload), k)
			if err != nil {
				t.Fatal(err)
			}
			parts := strings.Split(tok, ".")
			h, _ := base64.RawURLEncoding.DecodeString(parts[0])
			p, _ := base64.RawURLEncoding.DecodeString(parts[1])
			if string(h) != `{"typ":"JWT","alg":"`+alg+`"}` || string(p) != `{"sub":"u1","exp":4102444800,"name":"Zoë"}` {
				t.Errorf("signed %s . %s", h, p)
			}
			pub := &keys.Key{Public: k.Public}
			set := &keys.Set{}
			set.Add(pub)
			if _, err := jot.Verify(tok, jot.KeySet{Set: set}, wbClock()); err != nil {
				t.Errorf("Verify: %v", err)
			}
		})
	}
}

func TestSignJSONRefuses(t *testing.T) {
	hk := wbKeys()["HS256"]
	ec := wbKeys()["ES256"]
	tests := []struct {
		name, header, payload string
		key                   *keys.Key
		want                  error
		say                   string
	}{
		{"header not JSON", `{"alg":"HS256"`, `{}`, hk, jot.ErrJSON, "header"},
		{"payload not JSON", `{"alg":"HS256"}`, `{"a":}`, hk, jot.ErrJSON, "payload"},
		{"payload an array", `{"alg":"HS256"}`, `[1]`, hk, jot.ErrJSON, "payload"},
		{"duplicate member", `{"alg":"HS256"}`, `{"a":1,"a":2}`, hk, jot.ErrJSON, `"a"`},
		{"invalid UTF-8", `{"alg":"HS256"}`, "{\"a\":\"\xff\"}", hk, jot.ErrUTF8, "payload"},
		{"alg none", `{"alg":"none"}`, `{}`, hk, jot.ErrAlgNone, "header"},
		{"alg missing", `{"typ":"JWT"}`, `{}`, hk, jot.ErrAlgMissing, "header"},
		{"alg unknown", `{"alg":"HS1"}`, `{}`, hk, jot.ErrAlgUnsupported, "HS1"},
		{"no key", `{"alg":"HS256"}`, `{}`, nil, jot.ErrKeyType, "private key or a secret"},
		{"public key only", `{"alg":"ES256"}`, `{}`, &keys.Key{Public: ec.Public}, jot.ErrKeyType, ""},
		{"secret for ES256", `{"alg":"ES256"}`, `{}`, hk, jot.ErrKeyType, "shared secret"},
		{"short secret", `{"alg":"HS256"}`, `{}`, &keys.Key{Public: []byte("secret"), Private: []byte("secret")}, jot.ErrHMACKeyTooShort, "32"},
		{"deep payload", `{"alg":"HS256"}`, strings.Repeat("[", 100) + strings.Repeat("]", 100), hk, jot.ErrJSON, "nested"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := jot.SignJSON([]byte(tt.header), []byte(tt.payload), tt.key)
			if !errors.Is(err, tt.want) || tok != "" {
				t.Fatalf("SignJSON = %q, %v; want %v", tok, err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.say) {
				t.Errorf("error %q does not say %q", err, tt.say)
			}
		})
	}
}

// TestCheckObject checks that the editor's check refuses what SignJSON
// refuses in a payload, and accepts what it signs.
func TestCheckObject(t *testing.T) {
	for _, bad := range []string{`{"a":}`, `[1]`, `null`, `{"a":1,"a":2}`, "{\"a\":\"\xff\"}", `{} }`, strings.Repeat("[", 100) + strings.Repeat("]", 100)} {
		err := jot.CheckObject([]byte(bad))
		_, signErr := jot.SignJSON([]byte(`{"alg":"HS256"}`), []byte(bad), wbKeys()["HS256"])
		if err == nil || signErr == nil || !strings.Contains(signErr.Error(), err.Error()) {
			t.Errorf("CheckObject(%q) = %v; SignJSON: %v", bad, err, signErr)
		}
	}
	if err := jot.CheckObject([]byte("{\n  \"a\": [1, {\"b\": null}]\n}")); err != nil {
		t.Errorf("a valid object: %v", err)
	}
}
