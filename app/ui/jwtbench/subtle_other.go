//go:build !(js && wasm)

package jwtbench

import (
	"errors"

	"github.com/authlab/authlab/app/keys"
)

// useSubtle does nothing outside the browser: the Go implementations
// verify.
func useSubtle() {}

// hasSubtle reports false: there is no crypto.subtle outside a browser.
func hasSubtle() bool { return false }

// subtleRSA is never called outside a browser.
func subtleRSA(int) (*keys.Key, error) { return nil, errors.New("no crypto.subtle here") }
