//go:build !(js && wasm)

package webio

import (
	"context"

	"github.com/authlab/authlab/app/httpmsg"
)

// Fetch reports ErrNotBrowser: requests are only sent from a browser.
func Fetch(context.Context, *httpmsg.Request, FetchOptions) (*httpmsg.Response, error) {
	return nil, ErrNotBrowser
}

// Painted reports ErrNotBrowser: nothing is painted outside a browser.
func Painted(context.Context) error { return ErrNotBrowser }

// Copy reports ErrNotBrowser.
func Copy(context.Context, string) error { return ErrNotBrowser }

// Get finds nothing outside a browser.
func (s Storage) Get(string) (string, bool) { return "", false }

// Set reports ErrNotBrowser.
func (s Storage) Set(string, string) error { return ErrNotBrowser }

// Remove does nothing outside a browser.
func (s Storage) Remove(string) {}
