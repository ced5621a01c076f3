package jot

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// headerSegments remembers the encoded JOSE headers (RFC 7515 §4) that
// Sign writes: a server signs every token of a kind with one key and the
// same header members, so the header's JSON and base64url are made once
// per kind instead of once per token. Only headers whose extra members are
// all strings are kept, and at most maxSignedHeaders of them.
type headerSegments struct {
	mu   sync.Mutex
	byID map[string]string
}

const maxSignedHeaders = 64

var signedHeaders = &headerSegments{byID: map[string]string{}}

// segment returns the encoded header with alg, typ "JWT", kid when not
// empty, and the members of extra but alg: json.Marshal's output (members
// sorted by name), base64url without padding.
func (h *headerSegments) segment(alg, kid string, extra map[string]any) (string, error) {
	id, cacheable := headerID(alg, kid, extra)
	if cacheable {
		h.mu.Lock()
		seg, ok := h.byID[id]
		h.mu.Unlock()
		if ok {
			return seg, nil
		}
	}
	header := map[string]any{"alg": alg, "typ": "JWT"}
	if kid != "" {
		header["kid"] = kid
	}
	for name, v := range extra {
		if name != "alg" {
			header[name] = v
		}
	}
	hb, err := json.Marshal(header)
	if err != nil {
		return "", fmt.Errorf("%w: header: %v", ErrJSON, err)
	}
	seg := base64.RawURLEncoding.EncodeToString(hb)
	if cacheable {
		h.mu.Lock()
		if len(h.byID) < maxSignedHeaders {
			h.byID[id] = seg
		}
		h.mu.Unlock()
	}
	return seg, nil
}

// headerID names a header by its members, each name and value prefixed
// with its length, so that no two headers share a name; ok is false when a
// member of extra is not a string.
func headerID(alg, kid string, extra map[string]any) (id string, ok bool) {
	var b strings.Builder
	part := func(s string) { b.WriteString(strconv.Itoa(len(s)) + ":" + s) }
	part(alg)
	part(kid)
	names := make([]string, 0, len(extra))
	for name := range extra {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		v, isString := extra[name].(string)
		if !isString {
			return "", false
		}
		part(name)
		part(v)
	}
	return b.String(), true
}
