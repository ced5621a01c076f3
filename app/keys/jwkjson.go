package keys

import (
	"encoding/json"
	"fmt"
)

// decodeJWK reads a JWK (RFC 7517 §4) from JSON decoded into generic
// values: an object whose members are matched by their exact,
// case-sensitive names (RFC 7517 §4), strings but key_ops, an array of
// strings. Null stands for an absent member, and unknown members are
// ignored (RFC 7517 §4). Decoding into generic values, rather than into
// JWK's fields through reflection, spares a worker's start-up the
// reflection over JWK's type that encoding/json does on first use.
func decodeJWK(v any) (*JWK, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%w: a JWK must be a JSON object", ErrJWK)
	}
	j := &JWK{}
	fields := [...]struct {
		name string
		dst  *string
	}{
		{"kty", &j.Kty}, {"use", &j.Use}, {"alg", &j.Alg}, {"kid", &j.Kid}, {"crv", &j.Crv},
		{"x", &j.X}, {"y", &j.Y}, {"d", &j.D}, {"n", &j.N}, {"e", &j.E}, {"p", &j.P},
		{"q", &j.Q}, {"dp", &j.DP}, {"dq", &j.DQ}, {"qi", &j.QI}, {"k", &j.K},
	}
	for _, f := range fields {
		switch s := m[f.name].(type) {
		case nil:
		case string:
			*f.dst = s
		default:
			return nil, fmt.Errorf("%w: member %q must be a string", ErrJWK, f.name)
		}
	}
	switch ops := m["key_ops"].(type) {
	case nil:
	case []any:
		j.KeyOps = make([]string, len(ops))
		for i, op := range ops {
			s, ok := op.(string)
			if !ok {
				return nil, fmt.Errorf("%w: key_ops must hold strings", ErrJWK)
			}
			j.KeyOps[i] = s
		}
	default:
		return nil, fmt.Errorf("%w: key_ops must be an array", ErrJWK)
	}
	return j, nil
}

// unmarshalGeneric is json.Unmarshal into generic values.
func unmarshalGeneric(data []byte) (any, error) {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrJWK, err)
	}
	return v, nil
}
