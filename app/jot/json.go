package jot

import (
	"bytes"
	"encoding/json"
	"errors"
)

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }

// duplicateKey reports the first member name that appears twice in any
// object of raw, which must already be valid JSON.
func duplicateKey(raw []byte) (string, bool) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	return scanValue(dec)
}

func scanValue(dec *json.Decoder) (string, bool) {
	tok, err := dec.Token()
	if err != nil {
		return "", false
	}
	switch tok {
	case json.Delim('{'):
		seen := map[string]struct{}{}
		for dec.More() {
			k, _ := dec.Token()
			name, _ := k.(string)
			if _, ok := seen[name]; ok {
				return name, true
			}
			seen[name] = struct{}{}
			if n, dup := scanValue(dec); dup {
				return n, true
			}
		}
		dec.Token()
	case json.Delim('['):
		for dec.More() {
			if n, dup := scanValue(dec); dup {
				return n, true
			}
		}
		dec.Token()
	}
	return "", false
}
