//go:build js && wasm

// Package gluetest runs the JavaScript half of the worker's glue,
// worker/glue/glue.mjs, beside a Go test under Node (go_js_wasm_exec), so
// that the packages that call the glue are tested through the code that
// serves them in workerd. Node offers crypto.subtle but no D1 binding.
package gluetest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"syscall/js"

	"github.com/authlab/authlab/app/websubtle"
)

// findGo is JavaScript that makes the next call of wasm_exec.js's
// Go.prototype._makeFuncWrapper, which js.FuncOf makes, record its this,
// the running Go instance, in holder.go: glue.mjs needs it to resume Go,
// and its WebAssembly instance to reach Go's memory.
const findGo = `const wrap = Go.prototype._makeFuncWrapper;
Go.prototype._makeFuncWrapper = function (id) {
  Go.prototype._makeFuncWrapper = wrap;
  holder.go = this;
  return wrap.call(this, id);
};`

// Start imports glue.mjs, attaches the test's own Go instance to it and
// makes its runtime globalThis.context, where package glue looks for
// binding.call. Call it in TestMain, before anything calls the glue.
func Start() error {
	path, err := glueModule()
	if err != nil {
		return err
	}
	fn := js.Global().Get("Function")
	holder := js.Global().Get("Object").New()
	fn.New("Go", "holder", findGo).Invoke(js.Global().Get("Go"), holder)
	js.FuncOf(func(js.Value, []js.Value) any { return nil }).Release()
	goInstance := holder.Get("go")
	if goInstance.Type() != js.TypeObject {
		return errors.New("gluetest: the Go instance of wasm_exec.js was not found")
	}
	u := url.URL{Scheme: "file", Path: path}
	mod, err := websubtle.Await(context.Background(), fn.New("url", "return import(url)").Invoke(u.String()))
	if err != nil {
		return fmt.Errorf("gluetest: import %s: %w", path, err)
	}
	mod.Call("attach", goInstance, goInstance.Get("_inst"))
	js.Global().Set("context", mod.Get("runtime"))
	return nil
}

// glueModule finds worker/glue/glue.mjs from the working directory, which
// go test sets to the tested package's.
func glueModule() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		path := filepath.Join(dir, "worker", "glue", "glue.mjs")
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("gluetest: worker/glue/glue.mjs not found above the working directory")
		}
		dir = parent
	}
}
