//go:build !(js && wasm)

package ui

import (
	"errors"

	"github.com/authlab/authlab/app/keys"
)

// jwtUseSubtle does nothing outside the browser: the Go implementations
// verify.
func jwtUseSubtle() {}

// jwtHasSubtle reports false: there is no crypto.subtle outside a browser.
func jwtHasSubtle() bool { return false }

// jwtSubtleRSA is never called outside a browser.
func jwtSubtleRSA(int) (*keys.Key, error) { return nil, errors.New("no crypto.subtle here") }
