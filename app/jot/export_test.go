package jot

import "unicode/utf8"

// ParseObject and ParseObjectFull expose parseObject, and its path
// without the fast one for flat objects, to the external tests.
var (
	ParseObject     = parseObject
	ParseObjectFull = func(raw []byte) (map[string]any, error) {
		if !utf8.Valid(raw) {
			return nil, ErrUTF8
		}
		return parseObjectFull(raw)
	}
)
