package naivelab

import (
	"fmt"
	"strings"
)

// labKeyTable is the table the kid-sql endpoint looks keys up in.
var labKeyTable = map[string][]byte{hsKid: labHMAC}

// unionSelect reads the rest of a query after an injected quote: a
// UNION [ALL] SELECT of a string literal, and then nothing but a comment
// (-- or #) that hides what followed, or a semicolon.
func unionSelect(tail string) (string, bool) {
	f := strings.Fields(tail)
	if len(f) < 3 || !strings.EqualFold(f[0], "UNION") {
		return "", false
	}
	rest := strings.TrimSpace(tail)
	rest = strings.TrimSpace(rest[len(f[0]):])
	if strings.EqualFold(f[1], "ALL") {
		rest = strings.TrimSpace(rest[len(f[1]):])
	}
	sel, ok := cutFold(rest, "SELECT")
	if !ok || !strings.HasPrefix(strings.TrimSpace(sel), "'") {
		return "", false
	}
	lit, after, ok := strings.Cut(strings.TrimSpace(sel)[1:], "'")
	if !ok {
		return "", false
	}
	after = strings.TrimSpace(after)
	if after == "" || after == ";" || strings.HasPrefix(after, "--") || strings.HasPrefix(after, "#") {
		return lit, true
	}
	return "", false
}

// cutFold cuts prefix, in any case, and the space after it from s.
func cutFold(s, prefix string) (string, bool) {
	if len(s) <= len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) || (s[len(prefix)] != ' ' && s[len(prefix)] != '\t' && s[len(prefix)] != '\n') {
		return "", false
	}
	return s[len(prefix):], true
}

// lookupKeySQL evaluates the one query the kid-sql endpoint builds,
//
//	SELECT secret FROM lab_keys WHERE kid = '<kid>'
//
// as a SQL engine would, string concatenation and all: the kid ends at
// its first quote, and what follows is SQL. Only a UNION SELECT of a
// literal is understood, which is all the attack needs; the lab holds no
// database that an injection could reach.
func lookupKeySQL(query string) ([]byte, error) {
	const prefix = "SELECT secret FROM lab_keys WHERE kid = '"
	rest, ok := strings.CutPrefix(query, prefix)
	if !ok {
		return nil, fmt.Errorf("%w: query", ErrAlg)
	}
	kid, tail, ok := strings.Cut(rest, "'")
	if !ok {
		return nil, fmt.Errorf("%w: SQL syntax error: unterminated string", ErrAlg)
	}
	if strings.TrimSpace(tail) == "" {
		if key, ok := labKeyTable[kid]; ok {
			return key, nil
		}
		return nil, fmt.Errorf("%w: no key with that kid", ErrAlg)
	}
	if lit, ok := unionSelect(tail); ok {
		if _, found := labKeyTable[kid]; found {
			return labKeyTable[kid], nil // the first row wins
		}
		return []byte(lit), nil
	}
	return nil, fmt.Errorf("%w: SQL syntax error near %q", ErrAlg, tail)
}
