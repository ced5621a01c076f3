//go:build !(js && wasm)

package main

import (
	"log"
	"net/http"
	"os"
)

// Natively the floor serves the same answers on $PORT (default 8788), so
// that they can be read without workerd.
func main() {
	addr := "127.0.0.1:8788"
	if p := os.Getenv("PORT"); p != "" {
		addr = "127.0.0.1:" + p
	}
	log.Fatal(http.ListenAndServe(addr, http.HandlerFunc(serveFixed)))
}
