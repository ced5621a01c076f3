package jot

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// SetMember sets the member name of the JSON object text obj to value,
// keeping the other members in their order, and returns the object
// indented by two spaces. A new member goes last. It is how the workbench
// edits alg, kid, iat, exp and jti without reordering what a person wrote.
func SetMember(obj []byte, name string, value any) ([]byte, error) {
	if err := checkDepth(obj); err != nil {
		return nil, err
	}
	names, values, err := members(obj)
	if err != nil {
		return nil, err
	}
	v, err := json.Marshal(value)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrJSON, err)
	}
	found := false
	for i, n := range names {
		if n == name {
			values[i], found = v, true
		}
	}
	if !found {
		names, values = append(names, name), append(values, v)
	}
	var b bytes.Buffer
	b.WriteString("{")
	for i, n := range names {
		if i > 0 {
			b.WriteString(",")
		}
		k, _ := json.Marshal(n)
		b.WriteString("\n  ")
		b.Write(k)
		b.WriteString(": ")
		json.Indent(&b, values[i], "  ", "  ")
	}
	if len(names) > 0 {
		b.WriteString("\n")
	}
	b.WriteString("}")
	return b.Bytes(), nil
}

// members splits a JSON object into its member names and raw values, in
// order. Blank text is an empty object.
func members(obj []byte) ([]string, []json.RawMessage, error) {
	if len(bytes.TrimSpace(obj)) == 0 {
		return nil, nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(obj))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, fmt.Errorf("%w: not an object", ErrJSON)
	}
	var (
		names  []string
		values []json.RawMessage
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %s", ErrJSON, describeJSONError(err))
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, nil, fmt.Errorf("%w: %s", ErrJSON, describeJSONError(err))
		}
		names, values = append(names, tok.(string)), append(values, v)
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, fmt.Errorf("%w: %s", ErrJSON, describeJSONError(err))
	}
	if dec.More() {
		return nil, nil, fmt.Errorf("%w: data after the object", ErrJSON)
	}
	return names, values, nil
}
