//go:build js && wasm

// Command quickcheck is the JWT workbench's early checker, built as its
// own small WebAssembly module (web/quickcheck.wasm) for a Web Worker
// (web/quickcheck.js). A visitor who pastes a token and its key into the
// prerendered workbench before app.wasm has arrived gets the signature
// and the claims checked at once, by the same code the live page runs
// (app/jwtcheck, app/jot), a fraction of app.wasm's size away.
//
// The worker calls authlabQuickCheck(token, key), the key text read as
// the workbench first reads it (UTF-8), with no expected issuer or
// audience and no clock skew, as the prerendered page's fields stand. It
// returns {state, title, reason, hint}, null for a JWE, which only the
// live page decrypts, or {error} when called otherwise.
package main

import (
	"syscall/js"
	"time"

	"github.com/authlab/authlab/app/jwtcheck"
)

func main() {
	js.Global().Set("authlabQuickCheck", js.FuncOf(check))
	js.Global().Call("authlabQuickCheckReady")
	select {}
}

func check(_ js.Value, args []js.Value) any {
	if len(args) != 2 || args[0].Type() != js.TypeString || args[1].Type() != js.TypeString {
		return map[string]any{"error": "authlabQuickCheck takes a token and a key, both strings"}
	}
	v := jwtcheck.Early(args[0].String(), args[1].String(), "", jwtcheck.Fields{Now: time.Now()})
	if v == nil {
		return nil
	}
	return map[string]any{"state": v.State, "title": jwtcheck.Title(v.State), "reason": v.Reason, "hint": v.Hint}
}
