package jot

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
)

// SecretEncoding says how the text of an HMAC secret becomes key bytes.
// RFC 7518 §3.2 keys HMAC with octets; people write them as text, base64
// or hex, and a mismatch is the commonest reason an HS256 check fails.
type SecretEncoding string

// The encodings of an HMAC secret.
const (
	SecretUTF8      SecretEncoding = "utf8"      // the text's UTF-8 bytes, as given
	SecretBase64    SecretEncoding = "base64"    // RFC 4648 §4, padding optional
	SecretBase64URL SecretEncoding = "base64url" // RFC 4648 §5, padding optional
	SecretHex       SecretEncoding = "hex"       // RFC 4648 §8, either case
)

// SecretEncodings lists the encodings in the order the workbench offers them.
func SecretEncodings() []SecretEncoding {
	return []SecretEncoding{SecretUTF8, SecretBase64, SecretBase64URL, SecretHex}
}

// Label names the encoding for people.
func (e SecretEncoding) Label() string {
	switch e {
	case SecretBase64:
		return "base64"
	case SecretBase64URL:
		return "base64url"
	case SecretHex:
		return "hex"
	}
	return "UTF-8 text"
}

// DecodeSecret reads an HMAC secret written in enc. UTF-8 text is taken
// byte for byte; the other encodings ignore surrounding whitespace.
func DecodeSecret(s string, enc SecretEncoding) ([]byte, error) {
	var (
		b   []byte
		err error
	)
	switch enc {
	case SecretUTF8, "":
		return []byte(s), nil
	case SecretBase64:
		b, err = decodeBase64(strings.TrimSpace(s), base64.RawStdEncoding)
	case SecretBase64URL:
		b, err = decodeBase64(strings.TrimSpace(s), base64.RawURLEncoding)
	case SecretHex:
		t := strings.TrimSpace(s)
		if len(t) > 1 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') {
			t = t[2:]
		}
		b, err = hex.DecodeString(t)
	default:
		return nil, fmt.Errorf("%w: unknown encoding %q", ErrSecretEncoding, enc)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: not %s: %v", ErrSecretEncoding, enc.Label(), err)
	}
	return b, nil
}

// decodeBase64 decodes with or without "=" padding, strictly otherwise.
func decodeBase64(s string, e *base64.Encoding) ([]byte, error) {
	return e.Strict().DecodeString(strings.TrimRight(s, "="))
}

// SecretReading is one way to read the text of a secret.
type SecretReading struct {
	Encoding SecretEncoding
	// Trimmed is set for the UTF-8 reading of the text without the
	// whitespace around it, offered when a paste brought some along.
	Trimmed bool
	Key     []byte
}

// Describe names the reading for people: "base64url", "UTF-8 text
// without the surrounding whitespace".
func (r SecretReading) Describe() string {
	if r.Trimmed {
		return r.Encoding.Label() + " without the surrounding whitespace"
	}
	return r.Encoding.Label()
}

// SecretReadings lists every reading of s that decodes, in the order of
// SecretEncodings, then the trimmed text when it differs.
func SecretReadings(s string) []SecretReading {
	var out []SecretReading
	for _, e := range SecretEncodings() {
		if b, err := DecodeSecret(s, e); err == nil && len(b) > 0 {
			out = append(out, SecretReading{Encoding: e, Key: b})
		}
	}
	if t := strings.TrimSpace(s); t != s && t != "" {
		out = append(out, SecretReading{Encoding: SecretUTF8, Trimmed: true, Key: []byte(t)})
	}
	return out
}
