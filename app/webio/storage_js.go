//go:build js && wasm

package webio

import (
	"fmt"
	"syscall/js"
)

// Get returns the value stored under key, and whether there is one.
// Storage that the browser disables reads as empty.
func (s Storage) Get(key string) (v string, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = "", false
		}
	}()
	item := js.Global().Get(string(s)).Call("getItem", key)
	if item.IsNull() || item.IsUndefined() {
		return "", false
	}
	return item.String(), true
}

// Set stores value under key. The browser may refuse: storage disabled,
// or its quota reached.
func (s Storage) Set(key, value string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s refused %q: %v", string(s), key, r)
		}
	}()
	js.Global().Get(string(s)).Call("setItem", key, value)
	return nil
}

// Remove deletes key.
func (s Storage) Remove(key string) {
	defer func() { recover() }()
	js.Global().Get(string(s)).Call("removeItem", key)
}
