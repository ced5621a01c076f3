package jot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Inspection is what can be read from a token without verifying it.
// Nothing in it is trustworthy until Verify has accepted the same token.
type Inspection struct {
	Raw                     [3]string      // the three segments as given
	Header                  map[string]any // nil when the header could not be decoded
	Payload                 map[string]any // nil when the payload is not a JSON object
	HeaderJSON, PayloadJSON []byte         // decoded bytes, pretty-printed when valid JSON
	Signature               []byte
	// Errors lists every problem found, one per broken segment, in order.
	Errors []error
	// Size is the length of the cleaned token in bytes, and Segments the
	// number of dot-separated segments in it.
	Size, Segments int
	// JWE is set when the token has the five segments of a JWE Compact
	// Serialization (RFC 7516 §7.1). Header is then its JOSE protected
	// header; the encrypted parts are not decoded.
	JWE bool
}

// Alg returns the header's alg, or "".
func (in *Inspection) Alg() string {
	s, _ := in.Header["alg"].(string)
	return s
}

// Err returns the first problem found, or nil.
func (in *Inspection) Err() error {
	if len(in.Errors) == 0 {
		return nil
	}
	return in.Errors[0]
}

// Inspect decodes a JWS compact token (RFC 7515 §7.1) without verifying it,
// as far as it can be decoded. Each broken segment adds a *SegmentError to
// the result's Errors; the other segments are still decoded. Surrounding
// whitespace, quotes, a "Bearer " prefix and a whole "Authorization:" line
// are stripped first (see Clean).
func Inspect(token string) *Inspection {
	in := &Inspection{}
	token = Clean(token)
	if token == "" {
		in.Errors = append(in.Errors, ErrEmpty)
		return in
	}
	in.Size = len(token)
	if err := checkSize(token); err != nil {
		in.Errors = append(in.Errors, err)
		// The header alone is often small, and says what the token is.
		if i := strings.IndexByte(token, '.'); i > 0 && i <= maxHeaderPeek {
			in.Raw[0] = token[:i]
			in.HeaderJSON, in.Header, _ = decodeJSONSegment(SegmentHeader, in.Raw[0])
		}
		return in
	}
	// Split at most three times: a token of dots must not become as many
	// strings.
	in.Segments = countSegments(token)
	parts := strings.SplitN(token, ".", 4)
	switch in.Segments {
	case 3:
	case 5:
		in.JWE = true
		in.Errors = append(in.Errors, fmt.Errorf("%w: found 5, which is a JWE (RFC 7516), not a JWS: it is encrypted, and only its protected header can be read", ErrSegmentCount))
	default:
		in.Errors = append(in.Errors, fmt.Errorf("%w: found %d", ErrSegmentCount, in.Segments))
	}
	copy(in.Raw[:], parts) // the first three; a fourth part is the rest
	var err error
	if in.HeaderJSON, in.Header, err = decodeJSONSegment(SegmentHeader, in.Raw[0]); err != nil {
		in.Errors = append(in.Errors, err)
	}
	if in.JWE {
		return in
	}
	if in.PayloadJSON, in.Payload, err = decodeJSONSegment(SegmentPayload, in.Raw[1]); err != nil {
		in.Errors = append(in.Errors, err)
	}
	if in.Segments >= 3 {
		if in.Signature, err = decodeSegment(SegmentSignature, in.Raw[2]); err != nil {
			in.Errors = append(in.Errors, err)
		}
	}
	return in
}

// maxHeaderPeek bounds the header decoded from a token over MaxTokenSize.
const maxHeaderPeek = 8 << 10

func decodeJSONSegment(name, s string) ([]byte, map[string]any, error) {
	if s == "" {
		return nil, nil, &SegmentError{Segment: name, Offset: -1, Err: fmt.Errorf("%w: segment is empty", ErrJSON)}
	}
	raw, err := decodeSegment(name, s)
	if err != nil {
		return nil, nil, err
	}
	obj, err := parseObject(raw)
	if err != nil {
		return raw, nil, &SegmentError{Segment: name, Offset: -1, Err: err}
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, raw, "", "  ") == nil {
		raw = pretty.Bytes()
	}
	return raw, obj, nil
}

// parseObject parses a JSON object, refusing invalid UTF-8 (RFC 8259 §8.1)
// and duplicate member names (RFC 7515 §5.2 step 4).
func parseObject(raw []byte) (map[string]any, error) {
	if !utf8.Valid(raw) {
		return nil, fmt.Errorf("%w", ErrUTF8)
	}
	if obj, ok := parseFlat(raw); ok {
		return obj, nil
	}
	return parseObjectFull(raw)
}

// parseObjectFull is parseObject for any JSON, with an exact error for
// what it refuses. raw must be valid UTF-8.
func parseObjectFull(raw []byte) (map[string]any, error) {
	if err := checkDepth(raw); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var obj map[string]any
	if err := dec.Decode(&obj); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrJSON, describeJSONError(err))
	}
	if obj == nil {
		return nil, fmt.Errorf("%w: got null", ErrJSON)
	}
	// More misses a stray closing bracket after the object.
	if skipSpace(raw, int(dec.InputOffset())) != len(raw) {
		return nil, fmt.Errorf("%w: data after the object", ErrJSON)
	}
	if name, dup := duplicateKey(raw); dup {
		return nil, fmt.Errorf("%w: member %q appears twice", ErrJSON, name)
	}
	return obj, nil
}

func describeJSONError(err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case asErr(err, &syn):
		return fmt.Sprintf("%v at byte %d", syn, syn.Offset)
	case asErr(err, &typ):
		return fmt.Sprintf("a JSON %s, not an object", typ.Value)
	}
	return err.Error()
}

// Clean strips what people paste around a token: whitespace, quotes, a
// "Bearer " prefix (any case) and a whole "Authorization:" header line.
func Clean(s string) string {
	i, j := CleanBounds(s)
	return s[i:j]
}

// CleanBounds returns where Clean's token lies in s: Clean(s) is s[i:j].
// What comes before i and after j is what Clean strips.
func CleanBounds(s string) (i, j int) {
	j = len(s)
	// keep narrows s[i:j] to trimmed, which is a part of it.
	keep := func(trimmed func(string) string) {
		t := s[i:j]
		l := trimmed(t)
		k := strings.Index(t, l)
		i, j = i+k, i+k+len(l)
	}
	space := func(t string) string { return strings.TrimSpace(t) }
	quotes := func(t string) string { return strings.Trim(t, "\"'` \t\r\n") }
	keep(space)
	if k := strings.IndexByte(s[i:j], ':'); k > 0 && strings.EqualFold(strings.TrimSpace(s[i:i+k]), "authorization") {
		i += k + 1
		keep(space)
	}
	keep(quotes)
	if j-i > 7 && strings.EqualFold(s[i:i+7], "bearer ") {
		i += 7
		keep(space)
	}
	keep(quotes)
	return i, j
}
