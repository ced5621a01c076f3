package keys

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Format names the way key material was written.
type Format string

// The formats ParseAny recognises.
const (
	FormatPEM  Format = "PEM"  // RFC 7468
	FormatJWK  Format = "JWK"  // RFC 7517 §4
	FormatJWKS Format = "JWKS" // RFC 7517 §5
)

// MaxKeySize bounds the key material ParseAny reads. The largest real
// inputs, JWK Sets with certificate chains, are a few tens of KiB.
const MaxKeySize = 256 << 10

// LooksLikeKey reports whether text is written as key material, PEM or a
// JSON object, rather than being an HMAC secret.
func LooksLikeKey(data []byte) bool {
	t := bytes.TrimSpace(data)
	return IsPEM(t) || len(t) >= 2 && t[0] == '{' && t[len(t)-1] == '}'
}

// ParseAny reads key material written as PEM (see ParsePEM), a JWK or a
// JWK Set, and returns it as a Set. A JSON object with a "keys" member is a
// JWK Set; any other object is one JWK.
func ParseAny(data []byte) (*Set, Format, error) {
	if len(data) > MaxKeySize {
		return nil, "", fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), MaxKeySize)
	}
	t := bytes.TrimSpace(data)
	if IsPEM(t) {
		k, err := ParsePEM(t)
		if err != nil {
			return nil, FormatPEM, err
		}
		s := &Set{}
		s.Add(k)
		return s, FormatPEM, nil
	}
	if len(t) == 0 || t[0] != '{' {
		return nil, "", fmt.Errorf("%w: neither PEM (\"-----BEGIN …\") nor a JSON object", ErrKeyType)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(t, &probe); err != nil {
		return nil, FormatJWK, fmt.Errorf("%w: %v", ErrJWK, err)
	}
	if _, isSet := probe["keys"]; isSet {
		s, err := ParseSet(t)
		return s, FormatJWKS, err
	}
	k, err := ParseJWK(t)
	if err != nil {
		return nil, FormatJWK, err
	}
	s := &Set{}
	s.Add(k)
	return s, FormatJWK, nil
}
