package jot

import "encoding/json"

// parseFlat is parseObject's fast path for the shape nearly every JOSE
// header and JWT claims set has: one object whose members are strings
// without escapes, numbers, booleans or null (RFC 8259 §4). It returns
// what encoding/json with UseNumber returns for such input, and ok false
// for anything else, including every input that parseObject refuses
// (invalid JSON, duplicate member names, control characters), which then
// takes the full path with its exact error. raw must be valid UTF-8.
//
// It walks the bytes once, where the full path makes three passes and
// decodes through reflection: the object costs one map and one string per
// name and value.
func parseFlat(raw []byte) (obj map[string]any, ok bool) {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return nil, false
	}
	obj = make(map[string]any, 8)
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return obj, skipSpace(raw, i+1) == len(raw)
	}
	for {
		name, next, ok := flatName(raw, i)
		if !ok {
			return nil, false
		}
		if _, dup := obj[name]; dup {
			return nil, false
		}
		i = skipSpace(raw, next)
		if i >= len(raw) || raw[i] != ':' {
			return nil, false
		}
		i = skipSpace(raw, i+1)
		var v any
		if v, i, ok = flatValue(raw, i); !ok {
			return nil, false
		}
		obj[name] = v
		i = skipSpace(raw, i)
		if i >= len(raw) {
			return nil, false
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case '}':
			return obj, skipSpace(raw, i+1) == len(raw)
		default:
			return nil, false
		}
	}
}

// flatValue reads a string without escapes, a number, true, false or null
// at raw[i].
func flatValue(raw []byte, i int) (any, int, bool) {
	if i >= len(raw) {
		return nil, i, false
	}
	switch c := raw[i]; {
	case c == '"':
		return flatString(raw, i)
	case c == '-' || c >= '0' && c <= '9':
		end, ok := numberEnd(raw, i)
		return json.Number(raw[i:end]), end, ok
	}
	for _, lit := range [...]struct {
		text string
		v    any
	}{{"true", true}, {"false", false}, {"null", nil}} {
		if len(raw)-i >= len(lit.text) && string(raw[i:i+len(lit.text)]) == lit.text {
			return lit.v, i + len(lit.text), true
		}
	}
	return nil, i, false
}

// flatString reads a string at raw[i] that holds neither escapes nor
// control characters, and returns it and the index after its closing
// quote.
func flatString(raw []byte, i int) (string, int, bool) {
	if i >= len(raw) || raw[i] != '"' {
		return "", i, false
	}
	for j := i + 1; j < len(raw); j++ {
		switch c := raw[j]; {
		case c == '"':
			return string(raw[i+1 : j]), j + 1, true
		case c == '\\' || c < 0x20:
			return "", j, false
		}
	}
	return "", len(raw), false
}

// flatName is flatString for a member name: the names of the registered
// header parameters and claims (RFC 7515 §4.1, RFC 7519 §4.1) come back
// as constants, without a copy of their bytes.
func flatName(raw []byte, i int) (string, int, bool) {
	if i >= len(raw) || raw[i] != '"' {
		return "", i, false
	}
	end := i + 1
	for end < len(raw) && raw[end] != '"' && raw[end] != '\\' && raw[end] >= 0x20 {
		end++
	}
	if end >= len(raw) || raw[end] != '"' {
		return flatString(raw, i)
	}
	if name, ok := registeredName(raw[i+1 : end]); ok {
		return name, end + 1, true
	}
	return string(raw[i+1 : end]), end + 1, true
}

// registeredName returns name as a constant when it is a common member
// name; the conversion in the switch makes no copy.
func registeredName(name []byte) (string, bool) {
	switch string(name) {
	case "alg":
		return "alg", true
	case "typ":
		return "typ", true
	case "kid":
		return "kid", true
	case "cty":
		return "cty", true
	case "iss":
		return "iss", true
	case "sub":
		return "sub", true
	case "aud":
		return "aud", true
	case "exp":
		return "exp", true
	case "nbf":
		return "nbf", true
	case "iat":
		return "iat", true
	case "jti":
		return "jti", true
	case "scope":
		return "scope", true
	case "client_id":
		return "client_id", true
	}
	return "", false
}

// numberEnd returns the index after the JSON number at raw[i]:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? (RFC 8259 §6).
func numberEnd(raw []byte, i int) (int, bool) {
	if raw[i] == '-' {
		i++
	}
	switch {
	case i < len(raw) && raw[i] == '0':
		i++
	case i < len(raw) && raw[i] >= '1' && raw[i] <= '9':
		i = digitsEnd(raw, i)
	default:
		return i, false
	}
	if i < len(raw) && raw[i] == '.' {
		j := digitsEnd(raw, i+1)
		if j == i+1 {
			return j, false
		}
		i = j
	}
	if i < len(raw) && (raw[i] == 'e' || raw[i] == 'E') {
		i++
		if i < len(raw) && (raw[i] == '+' || raw[i] == '-') {
			i++
		}
		j := digitsEnd(raw, i)
		if j == i {
			return j, false
		}
		i = j
	}
	return i, true
}

func digitsEnd(raw []byte, i int) int {
	for i < len(raw) && raw[i] >= '0' && raw[i] <= '9' {
		i++
	}
	return i
}

// skipSpace skips JSON whitespace: space, tab, line feed, carriage return.
func skipSpace(raw []byte, i int) int {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	return i
}
