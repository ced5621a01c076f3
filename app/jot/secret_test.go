package jot_test

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

func TestDecodeSecret(t *testing.T) {
	tests := []struct {
		text    string
		enc     jot.SecretEncoding
		want    string
		wantErr bool
	}{
		{"secret", jot.SecretUTF8, "secret", false},
		{" secret\n", jot.SecretUTF8, " secret\n", false},
		{"héllo", jot.SecretUTF8, "héllo", false},
		{"", jot.SecretUTF8, "", false},
		{"c2VjcmV0", jot.SecretBase64, "secret", false},
		{"c2VjcmV0\n", jot.SecretBase64, "secret", false},
		{"c2VjcmV0Pz8/", jot.SecretBase64, "secret???", false},
		{"c2VjcmV0Pz8_", jot.SecretBase64, "", true},
		{"c2VjcmV0Pz8_", jot.SecretBase64URL, "secret???", false},
		{"c2VjcmV0Pz8/", jot.SecretBase64URL, "", true},
		{"YQ==", jot.SecretBase64, "a", false},
		{"YQ", jot.SecretBase64, "a", false},
		{"YQ==", jot.SecretBase64URL, "a", false},
		{"YR", jot.SecretBase64URL, "", true}, // non-zero trailing bits
		{"c2V jcmV0", jot.SecretBase64, "", true},
		{"736563726574", jot.SecretHex, "secret", false},
		{"0x736563726574", jot.SecretHex, "secret", false},
		{"7365637265744", jot.SecretHex, "", true},
		{"zz", jot.SecretHex, "", true},
		{"secret", "rot13", "", true},
	}
	for _, tt := range tests {
		t.Run(string(tt.enc)+"/"+tt.text, func(t *testing.T) {
			got, err := jot.DecodeSecret(tt.text, tt.enc)
			if tt.wantErr {
				if !errors.Is(err, jot.ErrSecretEncoding) {
					t.Fatalf("DecodeSecret = %q, %v; want ErrSecretEncoding", got, err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("DecodeSecret = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestSecretReadings(t *testing.T) {
	tests := []struct {
		text string
		want []string // Describe of each reading
	}{
		{"secret", []string{"UTF-8 text"}}, // "t" leaves non-zero trailing bits
		{"c2VjcmV0", []string{"UTF-8 text", "base64", "base64url"}},
		{"c2VjcmV0Pz8_", []string{"UTF-8 text", "base64url"}},
		{"deadbeef", []string{"UTF-8 text", "base64", "base64url", "hex"}},
		{"hello world", []string{"UTF-8 text"}},
		{"abcd\n", []string{"UTF-8 text", "base64", "base64url", "hex", "UTF-8 text without the surrounding whitespace"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := jot.SecretReadings(tt.text)
		var names []string
		for _, r := range got {
			names = append(names, r.Describe())
		}
		if len(names) != len(tt.want) {
			t.Errorf("SecretReadings(%q) = %q, want %q", tt.text, names, tt.want)
			continue
		}
		for i := range names {
			if names[i] != tt.want[i] {
				t.Errorf("SecretReadings(%q) = %q, want %q", tt.text, names, tt.want)
			}
		}
	}
}

// FuzzDecodeSecret checks that every encoding either decodes or fails with
// ErrSecretEncoding, and that readings agree with DecodeSecret.
func FuzzDecodeSecret(f *testing.F) {
	for _, s := range []string{"secret", "c2VjcmV0", "0xdeadbeef", "YQ==", "  YQ  ", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, enc := range jot.SecretEncodings() {
			if _, err := jot.DecodeSecret(text, enc); err != nil && !errors.Is(err, jot.ErrSecretEncoding) {
				t.Fatalf("%s: %v wraps no sentinel", enc, err)
			}
		}
		for _, r := range jot.SecretReadings(text) {
			if r.Trimmed {
				continue
			}
			b, err := jot.DecodeSecret(text, r.Encoding)
			if err != nil || string(b) != string(r.Key) || len(b) == 0 {
				t.Fatalf("reading %s = %q, DecodeSecret = %q, %v", r.Encoding, r.Key, b, err)
			}
		}
	})
}
