// Package webio is the pages' plumbing to the browser: waiting for a
// JavaScript promise or for the page to be on screen, fetch, the
// clipboard, and Web Storage. Built for anything but js/wasm, as when the
// site is prerendered or tested natively, every call reports
// ErrNotBrowser and changes nothing.
//
// The calls that wait for a promise block the calling goroutine: run them
// in a goroutine of their own (go-app's ctx.Async), never on the UI
// goroutine nor inside a JavaScript callback.
package webio

import "errors"

var (
	// ErrNotBrowser is returned outside a browser.
	ErrNotBrowser = errors.New("requests are only sent from a browser")
	// ErrRefused is returned when fetch throws before sending, as on a
	// malformed URL.
	ErrRefused = errors.New("the browser refused the request")
	// ErrBodyUnread is returned with the status and headers when the body
	// of an answer could not be read.
	ErrBodyUnread = errors.New("the answer's body could not be read")
	// ErrNoClipboard is returned when the page may not use the
	// asynchronous Clipboard API, which needs a secure context.
	ErrNoClipboard = errors.New("this browser offers no clipboard to pages here")
)

// Rejection is the reason a promise was rejected, as JavaScript's
// toString gives it.
type Rejection struct{ Reason string }

func (r *Rejection) Error() string { return r.Reason }

// FetchOptions are the parts of a fetch request that are not the request
// itself.
type FetchOptions struct {
	// Cookies sends and stores cookies (credentials "include") instead of
	// omitting them.
	Cookies bool
	// Redirect is fetch's redirect mode: "follow" (the default) or
	// "manual".
	Redirect string
}

// Storage is one of the Web Storage areas (HTML Living Standard §12).
type Storage string

const (
	// Local is localStorage: per origin, kept across sessions.
	Local Storage = "localStorage"
	// Session is sessionStorage: per tab and origin, gone with the tab.
	Session Storage = "sessionStorage"
)
