package jot

import (
	"encoding/json"
	"errors"
)

func asErr[T error](err error, target *T) bool { return errors.As(err, target) }

// smallObject is the member count up to which an object's names are
// compared by a linear search rather than through a map.
const smallObject = 16

// duplicateKey reports the first member name that appears twice in any
// object of raw, which must already be valid JSON. It is one pass over the
// bytes; names with escapes are unescaped, so "a" and "\u0061" collide.
func duplicateKey(raw []byte) (string, bool) {
	type frame struct {
		object, wantName bool
		names            []string
		set              map[string]struct{}
	}
	var stack []frame
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '{':
			stack = append(stack, frame{object: true, wantName: true})
		case '[':
			stack = append(stack, frame{})
		case '}', ']':
			stack = stack[:len(stack)-1]
		case ',':
			if top := &stack[len(stack)-1]; top.object {
				top.wantName = true
			}
		case '"':
			end, escaped := stringEnd(raw, i)
			if len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].wantName {
				top := &stack[len(stack)-1]
				top.wantName = false
				name := string(raw[i+1 : end])
				if escaped {
					json.Unmarshal(raw[i:end+1], &name)
				}
				if seen(&top.names, &top.set, name) {
					return name, true
				}
			}
			i = end
		}
	}
	return "", false
}

// seen records name in an object's names and reports whether it was
// already there.
func seen(names *[]string, set *map[string]struct{}, name string) bool {
	if *set != nil {
		if _, dup := (*set)[name]; dup {
			return true
		}
		(*set)[name] = struct{}{}
		return false
	}
	for _, n := range *names {
		if n == name {
			return true
		}
	}
	*names = append(*names, name)
	if len(*names) > smallObject {
		*set = make(map[string]struct{}, 2*smallObject)
		for _, n := range *names {
			(*set)[n] = struct{}{}
		}
	}
	return false
}

// stringEnd returns the index of the quote closing the JSON string that
// opens at raw[start], and whether the string holds escapes.
func stringEnd(raw []byte, start int) (end int, escaped bool) {
	for i := start + 1; i < len(raw); i++ {
		switch raw[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			return i, escaped
		}
	}
	return len(raw) - 1, escaped
}
