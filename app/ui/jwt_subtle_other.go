//go:build !(js && wasm)

package ui

// jwtUseSubtle does nothing outside the browser: the Go implementations
// verify.
func jwtUseSubtle() {}
