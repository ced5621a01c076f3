package ui

import (
	"bytes"
	"errors"
)

// goappStart is the statement with which go-app's app.js starts
// downloading and running app.wasm, as soon as the deferred script runs.
const goappStart = "\ngoappInitWebAssembly();\n"

// startAfterPaint starts it once web/loader.js's authlabFirstPaint says
// that the prerendered page's first contentful paint was reported (Paint
// Timing, W3C), or at once without loader.js. The module's compilation
// takes the main thread in turns while it streams in; from a fast link it
// came in before the first frame and held that frame back, so that the
// page's first and largest contentful paints came after much of the
// download.
const startAfterPaint = "\n(self.authlabFirstPaint ? self.authlabFirstPaint() : Promise.resolve()).then(goappInitWebAssembly);\n"

// ErrAppJS is returned when go-app's app.js does not start app.wasm with
// goappStart, once: a go-app whose app.js changed must be looked at again.
var ErrAppJS = errors.New("go-app's app.js does not start app.wasm with the one statement the site defers")

// startAfterFirstPaint rewrites go-app's app.js so that app.wasm starts
// after the first contentful paint (see startAfterPaint).
func startAfterFirstPaint(js []byte) ([]byte, error) {
	if bytes.Count(js, []byte(goappStart)) != 1 {
		return nil, ErrAppJS
	}
	return bytes.Replace(js, []byte(goappStart), []byte(startAfterPaint), 1), nil
}
