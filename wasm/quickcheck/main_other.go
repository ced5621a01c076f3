//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "quickcheck runs in a browser's Web Worker: build it with GOOS=js GOARCH=wasm into web/quickcheck.wasm")
	os.Exit(2)
}
