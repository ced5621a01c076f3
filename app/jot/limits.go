package jot

import "fmt"

// Bounds on untrusted input, so that no token makes the decoder hang.
const (
	// MaxTokenSize is the largest token decoded or verified, in bytes.
	// Real tokens are far smaller: most HTTP servers refuse header fields
	// over 8 KiB (RFC 9110 §5.4).
	MaxTokenSize = 64 << 10
	// MaxDepth is the deepest nesting of JSON arrays and objects accepted
	// in a header or a claims set.
	MaxDepth = 64
)

// checkSize refuses a token over MaxTokenSize before any work is done on it.
func checkSize(token string) error {
	if len(token) > MaxTokenSize {
		return fmt.Errorf("%w: %s, the limit is %s", ErrTooLarge, byteSize(len(token)), byteSize(MaxTokenSize))
	}
	return nil
}

// countSegments counts the dot-separated segments of s without splitting
// it, so that a million dots cost one pass.
func countSegments(s string) int {
	n := 1
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			n++
		}
	}
	return n
}

// checkDepth refuses JSON nested deeper than MaxDepth. It scans raw once,
// skipping strings, before the decoder recurses into it.
func checkDepth(raw []byte) error {
	depth, inString, escaped := 0, false, false
	for _, c := range raw {
		switch {
		case inString:
			if escaped {
				escaped = false
			} else if c == '\\' {
				escaped = true
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if depth++; depth > MaxDepth {
				return fmt.Errorf("%w: nested more than %d levels deep", ErrJSON, MaxDepth)
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return nil
}

// byteSize writes n bytes for people: "812 bytes", "64 KiB", "1.0 MiB".
func byteSize(n int) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		if n%(1<<10) == 0 {
			return fmt.Sprintf("%d KiB", n>>10)
		}
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
