package jot

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/authlab/authlab/app/keys"
)

// CheckObject reports why JSON text is not an object that SignJSON
// accepts as a header or a claims set: invalid UTF-8 (RFC 8259 §8.1),
// invalid JSON, another JSON value than an object, or a member named
// twice (RFC 7515 §5.2, RFC 7519 §7.1). It returns nil for a valid one.
func CheckObject(text []byte) error {
	_, err := parseObject(text)
	return err
}

// SignJSON signs a header and a claims set written as JSON text, as a
// person edits them (RFC 7515 §5.1). The header's alg chooses the
// algorithm, and it must fit the key's private half. Both texts must be
// JSON objects in UTF-8 without duplicate members (RFC 7515 §5.2, RFC 7519
// §7.1); they are signed in the member order given, without whitespace.
func SignJSON(header, payload []byte, k *keys.Key) (string, error) {
	if len(header)+len(payload) > MaxTokenSize {
		return "", fmt.Errorf("%w: header and payload are %s, the limit is %s", ErrTooLarge, byteSize(len(header)+len(payload)), byteSize(MaxTokenSize))
	}
	h, err := parseObject(header)
	if err != nil {
		return "", fmt.Errorf("header: %w", err)
	}
	if _, err := parseObject(payload); err != nil {
		return "", fmt.Errorf("payload: %w", err)
	}
	algName, _ := h["alg"].(string)
	a, err := LookupAlgorithm(algName)
	if err != nil {
		return "", fmt.Errorf("header: %w", err)
	}
	if k == nil || k.Private == nil {
		return "", fmt.Errorf("%w: signing needs a private key or a secret", ErrKeyType)
	}
	if err := a.CheckKey(k.Private); err != nil {
		return "", err
	}
	var hc, pc bytes.Buffer
	json.Compact(&hc, header)
	json.Compact(&pc, payload)
	input := base64.RawURLEncoding.EncodeToString(hc.Bytes()) + "." + base64.RawURLEncoding.EncodeToString(pc.Bytes())
	sig, err := a.method.Sign(input, k.Private)
	if err != nil {
		return "", fmt.Errorf("sign %s: %w", a.Name, err)
	}
	return input + "." + base64.RawURLEncoding.EncodeToString(sig), nil
}
