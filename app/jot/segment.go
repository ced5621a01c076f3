package jot

import (
	"encoding/base64"
	"fmt"
)

// Segment names, in token order.
const (
	SegmentHeader    = "header"
	SegmentPayload   = "payload"
	SegmentSignature = "signature"
)

// SegmentError tells which segment of a token is broken, and where.
type SegmentError struct {
	Segment string // SegmentHeader, SegmentPayload or SegmentSignature
	Offset  int    // byte offset inside the segment, or -1 when not known
	Err     error  // one of the sentinel errors, possibly wrapped
}

func (e *SegmentError) Error() string {
	if e.Offset >= 0 {
		return fmt.Sprintf("%s: %v (at character %d)", e.Segment, e.Err, e.Offset+1)
	}
	return fmt.Sprintf("%s: %v", e.Segment, e.Err)
}

func (e *SegmentError) Unwrap() error { return e.Err }

// decodeSegment decodes one base64url segment strictly (RFC 7515 §2,
// RFC 4648 §5): no padding, no characters outside the URL-safe alphabet
// (so no CR, LF or spaces, which Go's decoder would otherwise skip), and no
// non-zero trailing bits.
func decodeSegment(name, s string) ([]byte, error) {
	for i := 0; i < len(s); i++ {
		if !isBase64URL(s[i]) {
			return nil, &SegmentError{Segment: name, Offset: i,
				Err: fmt.Errorf("%w: character %q is outside the base64url alphabet", ErrBase64, s[i])}
		}
	}
	if len(s)%4 == 1 {
		return nil, &SegmentError{Segment: name, Offset: len(s) - 1,
			Err: fmt.Errorf("%w: length %d cannot be base64url", ErrBase64, len(s))}
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, &SegmentError{Segment: name, Offset: len(s) - 1,
			Err: fmt.Errorf("%w: trailing bits are not zero", ErrBase64)}
	}
	return b, nil
}

func isBase64URL(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
