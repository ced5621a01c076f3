//go:build js && wasm

package main

import (
	"net/http"

	"github.com/authlab/authlab/worker/jsserve"
)

func main() {
	jsserve.Serve(http.HandlerFunc(serveFixed))
}
