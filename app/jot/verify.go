package jot

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/authlab/authlab/app/keys"
)

// Token is a verified token.
type Token struct {
	Header  map[string]any
	Claims  map[string]any // nil with WithSignatureOnly
	Payload []byte
	Alg     *Algorithm
	Key     *keys.Key // the key that verified the signature
}

// Keys resolves the verification key for a token. It is given only the
// header's kid, never jwk, jku, x5u or x5c (RFC 8725 §3.10).
type Keys interface {
	// Lookup returns the key with the given kid.
	Lookup(kid string) (*keys.Key, bool)
	// Candidates returns the keys to try when the token has no kid.
	Candidates() []*keys.Key
}

// Verify checks a JWS compact token (RFC 7515 §5.2) against keys and, unless
// WithSignatureOnly is given, validates it as a JWT (RFC 7519 §7.2). Keys
// named in the token itself are never used.
func Verify(token string, ks Keys, opts ...Option) (*Token, error) {
	o := newOptions(opts)
	if err := checkSize(token); err != nil {
		return nil, err
	}
	if t := o.cached(token, ks); t != nil {
		if err := checkType(t.Header, o.typ); err != nil {
			return nil, err
		}
		return t, validateClaims(t.Claims, o)
	}
	if n := countSegments(token); n != 3 {
		return nil, fmt.Errorf("%w: found %d", ErrSegmentCount, n)
	}
	// The signing input is the token up to its second dot (RFC 7515
	// §5.2), a substring: no copy.
	headerEnd := strings.IndexByte(token, '.')
	inputEnd := headerEnd + 1 + strings.IndexByte(token[headerEnd+1:], '.')
	headers := o.cache
	if o.jwsOnly {
		headers = nil
	}
	header, err := headers.header(token[:headerEnd])
	if err != nil {
		return nil, err
	}
	payload, err := decodeSegment(SegmentPayload, token[headerEnd+1:inputEnd])
	if err != nil {
		return nil, err
	}
	sig, err := decodeSegment(SegmentSignature, token[inputEnd+1:])
	if err != nil {
		return nil, err
	}
	algName, isString := header["alg"].(string)
	if !isString && header["alg"] != nil {
		return nil, fmt.Errorf("%w: alg is not a string", ErrAlgMissing)
	}
	alg, err := LookupAlgorithm(algName)
	if err != nil {
		return nil, err
	}
	if o.algs != nil && !o.algs[alg.Name] {
		return nil, fmt.Errorf("%w: %s is not allowed here", ErrAlgUnsupported, alg.Name)
	}
	if err := checkCrit(header); err != nil {
		return nil, err
	}
	if err := checkType(header, o.typ); err != nil {
		return nil, err
	}
	t := &Token{Header: header, Payload: payload, Alg: alg}
	if t.Key, err = verifySignature(token[:inputEnd], sig, header, alg, ks); err != nil {
		return nil, err
	}
	if o.jwsOnly {
		return t, nil
	}
	if t.Claims, err = parseObject(payload); err != nil {
		return nil, &SegmentError{Segment: SegmentPayload, Offset: -1, Err: err}
	}
	if o.cache != nil {
		remembered := *t
		o.cache.put(token, &remembered)
	}
	if err := validateClaims(t.Claims, o); err != nil {
		return t, err
	}
	return t, nil
}

// checkCrit refuses any crit header parameter (RFC 7515 §4.1.11): this
// implementation understands no extension that crit could name.
// parseHeader decodes and parses a token's header segment (RFC 7515 §5.2
// steps 2 and 3).
func parseHeader(segment string) (map[string]any, error) {
	raw, err := decodeSegment(SegmentHeader, segment)
	if err != nil {
		return nil, err
	}
	header, err := parseObject(raw)
	if err != nil {
		return nil, &SegmentError{Segment: SegmentHeader, Offset: -1, Err: err}
	}
	return header, nil
}

func checkCrit(header map[string]any) error {
	crit, ok := header["crit"]
	if !ok {
		return nil
	}
	list, isList := crit.([]any)
	if !isList || len(list) == 0 {
		return fmt.Errorf("%w: crit must be a non-empty array", ErrCrit)
	}
	return fmt.Errorf("%w: %v", ErrCrit, list)
}

// checkType applies WithType: typ must name want, compared as a media
// type (RFC 7515 §4.1.9). An empty want accepts any typ.
func checkType(header map[string]any, want string) error {
	if want == "" {
		return nil
	}
	got, isString := header["typ"].(string)
	if !isString {
		return fmt.Errorf("%w: the header has no typ; want %q", ErrType, want)
	}
	if !strings.EqualFold(strings.TrimPrefix(strings.ToLower(got), "application/"), want) {
		return fmt.Errorf("%w: typ %q, want %q", ErrType, got, want)
	}
	return nil
}

func verifySignature(signingInput string, sig []byte, header map[string]any, alg *Algorithm, ks Keys) (*keys.Key, error) {
	var candidates []*keys.Key
	if kidValue, has := header["kid"]; has {
		kid, ok := kidValue.(string)
		if !ok {
			return nil, fmt.Errorf("%w: kid is not a string", ErrKeyNotFound)
		}
		k, found := ks.Lookup(kid)
		if !found {
			return nil, fmt.Errorf("%w: %q", ErrKeyNotFound, kid)
		}
		candidates = []*keys.Key{k}
	} else {
		candidates = ks.Candidates()
	}
	if len(candidates) == 0 {
		return nil, fmt.Errorf("%w: no keys configured", ErrKeyNotFound)
	}
	var firstErr error
	for _, k := range candidates {
		err := verifyWith(signingInput, sig, alg, k)
		if err == nil {
			return k, nil
		}
		if firstErr == nil || errors.Is(firstErr, ErrKeyType) && !errors.Is(err, ErrKeyType) {
			firstErr = err
		}
	}
	return nil, firstErr
}

func verifyWith(signingInput string, sig []byte, alg *Algorithm, k *keys.Key) error {
	// A key published for encryption never verifies (RFC 7517 §4.2, §4.3).
	if k.Use != "" && k.Use != "sig" {
		return fmt.Errorf("%w: key %q has use %q, not sig", ErrKeyType, k.Kid, k.Use)
	}
	if k.KeyOps != nil && !slices.Contains(k.KeyOps, "verify") {
		return fmt.Errorf("%w: key %q has key_ops %q, without verify", ErrKeyType, k.Kid, k.KeyOps)
	}
	if k.Alg != "" && k.Alg != alg.Name {
		return fmt.Errorf("%w: key %q is for %s, token says %s", ErrKeyType, k.Kid, k.Alg, alg.Name)
	}
	if err := alg.CheckKey(k.Public); err != nil {
		return err
	}
	if err := alg.method.Verify(signingInput, sig, k.Public); err != nil {
		return fmt.Errorf("%w: %v", ErrSignature, err)
	}
	return nil
}
