//go:build js && wasm

// Command crack is the attack lab's dictionary attack on an HMAC secret,
// built as its own small WebAssembly module (web/crack.wasm) for a Web
// Worker (web/crack.js), so that the page stays responsive while it runs
// and Cancel ends it at once by ending the worker.
//
// The worker calls authlabCrack(token, extra, known): the reader's words
// and the well-known secrets, one per line, made into one list here, off
// the page's thread. The module posts {type: "progress", tried, total,
// ms} about ten times a second and {type: "done", tried, total, ms,
// secret, error} at the end.
package main

import (
	"context"
	"strings"
	"syscall/js"
	"time"

	"github.com/authlab/authlab/app/attack/crack"
)

// progressInterval is how often progress is posted to the page.
const progressInterval = 100 * time.Millisecond

func main() {
	js.Global().Set("authlabCrack", js.FuncOf(run))
	js.Global().Call("authlabCrackReady")
	select {}
}

func run(_ js.Value, args []js.Value) any {
	if len(args) != 3 {
		post(map[string]any{"type": "done", "error": "authlabCrack takes a token and two word lists"})
		return nil
	}
	token, words := args[0].String(), crack.Words(args[1].String(), strings.Split(args[2].String(), "\n"))
	total := len(words)
	start := time.Now()
	last, tried := start, 0
	ms := func() float64 { return float64(time.Since(start).Microseconds()) / 1000 }
	post(map[string]any{"type": "progress", "tried": 0, "total": total, "ms": ms()})
	secret, err := crack.Crack(context.Background(), token, words, func(n int) {
		tried = n
		if now := time.Now(); now.Sub(last) >= progressInterval {
			last = now
			post(map[string]any{"type": "progress", "tried": n, "total": total, "ms": ms()})
		}
	})
	done := map[string]any{"type": "done", "tried": tried, "total": total, "ms": ms(), "secret": secret, "error": ""}
	if err != nil {
		done["error"] = err.Error()
	}
	post(done)
	return nil
}

func post(m map[string]any) { js.Global().Call("postMessage", m) }
