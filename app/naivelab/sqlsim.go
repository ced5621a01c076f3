package naivelab

import (
	"fmt"
	"regexp"
	"strings"
)

// labKeyTable is the table the kid-sql endpoint looks keys up in.
var labKeyTable = map[string][]byte{hsKid: labHMAC}

// unionSelect is the rest of a query after an injected quote: a UNION
// SELECT of a string literal, and a comment that hides what followed.
var unionSelect = regexp.MustCompile(`(?is)^\s*UNION\s+(?:ALL\s+)?SELECT\s+'([^']*)'\s*(?:--.*|#.*|;\s*)?$`)

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
	if m := unionSelect.FindStringSubmatch(tail); m != nil {
		if _, found := labKeyTable[kid]; found {
			return labKeyTable[kid], nil // the first row wins
		}
		return []byte(m[1]), nil
	}
	return nil, fmt.Errorf("%w: SQL syntax error near %q", ErrAlg, tail)
}
