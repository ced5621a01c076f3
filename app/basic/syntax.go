package basic

import (
	"fmt"
	"strings"
)

// isToken reports whether s is an RFC 9110 §5.6.2 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// isToken68 reports whether s is an RFC 7235 §2.1 token68.
func isToken68(s string) bool {
	body := strings.TrimRight(s, "=")
	if body == "" {
		return false
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~+/", c) >= 0) {
			return false
		}
	}
	return true
}

// parseParams parses a comma-separated list of auth-params
// (name=token or name="quoted string").
func parseParams(s string) (map[string]string, error) {
	params := map[string]string{}
	for s != "" {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			break
		}
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			return nil, fmt.Errorf("%w: expected name=value in %q", ErrSyntax, s)
		}
		name := strings.ToLower(strings.TrimSpace(s[:eq]))
		if !isToken(name) {
			return nil, fmt.Errorf("%w: bad parameter name %q", ErrSyntax, name)
		}
		s = strings.TrimLeft(s[eq+1:], " \t")
		var val string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			i := 1
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, fmt.Errorf("%w: unterminated quoted string", ErrSyntax)
			}
			val, s = b.String(), s[i+1:]
		} else {
			end := strings.IndexAny(s, ", \t")
			if end < 0 {
				end = len(s)
			}
			val, s = s[:end], s[end:]
			if !isToken(val) {
				return nil, fmt.Errorf("%w: bad parameter value %q", ErrSyntax, val)
			}
		}
		if _, dup := params[name]; dup {
			return nil, fmt.Errorf("%w: parameter %q appears twice", ErrSyntax, name)
		}
		params[name] = val
		s = strings.TrimLeft(s, " \t")
		if s != "" && s[0] != ',' {
			return nil, fmt.Errorf("%w: expected a comma before %q", ErrSyntax, s)
		}
	}
	return params, nil
}
