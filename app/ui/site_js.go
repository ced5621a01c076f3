//go:build wasm

package ui

import "errors"

// WriteSite is only available natively; app.wasm renders pages instead.
func WriteSite(dir string, cfg Config) error {
	return errors.New("the static site is written natively, not from app.wasm")
}
