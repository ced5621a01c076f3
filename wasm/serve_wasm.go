//go:build wasm

package main

// serve is never reached in the browser, where ui.Start runs the
// app for as long as the page lives.
func serve() {}
