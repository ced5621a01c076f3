package ui

import (
	"errors"
	"strings"
	"testing"
)

func TestStartAfterFirstPaintNeedsGoappsStart(t *testing.T) {
	for _, js := range []string{
		"",
		"goappInitWebAssembly()", // not a statement of its own line
		goappStart + goappStart,  // two starts: which one is app.wasm's is unclear
	} {
		if _, err := startAfterFirstPaint([]byte(js)); !errors.Is(err, ErrAppJS) {
			t.Errorf("%q: err %v, want ErrAppJS", js, err)
		}
	}
	out, err := startAfterFirstPaint([]byte("a();" + goappStart + "b();"))
	if err != nil || string(out) != "a();"+startAfterPaint+"b();" || strings.Contains(string(out), goappStart) {
		t.Errorf("got %q, %v", out, err)
	}
}
