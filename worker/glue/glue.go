//go:build js && wasm

// Package glue is the Go half of the worker's JavaScript glue, whose other
// half is glue.mjs in this directory; worker.mjs, the worker's entry point,
// loads it. The two halves talk through numbers and one byte buffer in
// Go's memory, the inbox, rather than through JavaScript values: every
// object or string that crosses into Go as a js.Value costs a finalizer
// and a reference-table entry, about as much as a hundred calls that pass
// numbers.
//
// Requests come in through the inbox (see worker/jsserve). Go asks the glue
// for asynchronous work, such as a D1 query or a WebCrypto operation, with
// Call: the glue reads the payload out of Go's memory during the call,
// does the work, writes the result into the inbox and hands it back with
// the export authlab_settle(id, ok, len). The operations are numbered once,
// by the Op constants here: go generate ./worker/glue/... writes them into
// glue.mjs as its op object (see worker/glue/opsgen).
//
// # env and ctx, per request
//
// One Go instance serves every request of its isolate, and it has one
// globalThis.context, glue.mjs's runtime, for its whole life. The worker's
// fetch handler sets runtime.env and runtime.ctx to its own request's env
// and ctx, and sets them again right before it calls authlab_serve, in the
// same JavaScript turn: until the request's goroutine first waits (on
// Call, or anything else that hands control back to JavaScript), they are
// that request's. After that, another request may have entered and set
// them to its own. Interleaved requests stay correct because:
//
//   - a request's own data never passes through runtime: its head and body
//     are copied out of the inbox before Go waits, its answer goes back
//     through binding.respond under the request's id, and each Call's
//     result through authlab_settle under the call's id;
//   - env is the same for every request of an isolate, which runs one
//     version of the worker with one set of bindings and vars, so what is
//     read from it at any time, such as the vars at start-up and the D1
//     binding when D1Prepare or D1Batch runs, is what the request's own env
//     holds;
//   - ctx, the one object of its own that each request has (waitUntil,
//     passThroughOnException), is read by neither half. Code that needs it
//     must take it before the request's goroutine first waits, and keep it.
package glue

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"syscall/js"
	"unsafe"
)

// ErrGlue wraps failures the glue reports.
var ErrGlue = errors.New("glue")

// Op names an operation that the glue performs for Go. The payload and
// result formats are described in glue.mjs, next to their code. Each
// constant is declared on a line of its own with a decimal number; opsgen
// writes it into glue.mjs as op.<name without Op>.
type Op int

// The operations of the glue.
const (
	OpD1Query   Op = 1 // rows of a statement, as JSON arrays
	OpD1Run     Op = 2 // run a statement; changes and last_row_id
	OpImportKey Op = 3 // import a JWK into crypto.subtle, keep it by number
	OpVerify    Op = 4 // ECDSA P-256 SHA-256 verification with a kept key
	OpSign      Op = 5 // ECDSA P-256 SHA-256 signature with a kept key
	OpPBKDF2    Op = 6 // PBKDF2-HMAC-SHA256 key derivation
	OpD1Prepare Op = 7 // prepare a statement, keep it by number
	OpD1Batch   Op = 8 // run statements in one round trip, as one transaction
)

// initialInbox is the inbox's first size; the glue asks for a larger one
// when something does not fit.
const initialInbox = 16 << 10

// settled is what authlab_settle hands the waiting goroutine: the result
// is in the first n bytes of the inbox.
type settled struct {
	ok bool
	n  int
}

var (
	once    sync.Once
	unbound error    // why setUp found no binding.call, or nil
	binding js.Value // globalThis.context.binding
	call    js.Value // binding.call(op, id, ptr, len)

	mu      sync.Mutex
	inbox   []byte
	waiting = map[float64]chan settled{}
	lastID  float64
)

// setUp finds binding.call, which glue.mjs offers, and installs the inbox
// and grow on the binding.
func setUp() {
	unbound = fmt.Errorf("%w: globalThis.context.binding.call is missing; the worker runs only under worker/glue/worker.mjs", ErrGlue)
	ctx := js.Global().Get("context")
	if ctx.Type() != js.TypeObject {
		return
	}
	binding = ctx.Get("binding")
	if binding.Type() != js.TypeObject {
		return
	}
	call = binding.Get("call")
	if call.Type() != js.TypeFunction {
		return
	}
	unbound = nil
	grow(initialInbox)
	binding.Set("grow", js.FuncOf(func(_ js.Value, args []js.Value) any {
		grow(args[0].Int())
		return nil
	}))
}

// Binding returns globalThis.context.binding, where the glue and Go put
// the functions they offer each other.
func Binding() js.Value {
	once.Do(setUp)
	return binding
}

// grow replaces the inbox with one of n bytes and tells the glue where it
// is.
func grow(n int) {
	mu.Lock()
	inbox = make([]byte, n)
	mu.Unlock()
	binding.Set("inbox", Addr(inbox))
	binding.Set("inboxLen", n)
}

// Inbox returns the first n bytes of the inbox, or nil when n is out of
// range. They are valid until control returns to JavaScript: callers copy
// what they keep.
func Inbox(n int) []byte {
	mu.Lock()
	defer mu.Unlock()
	if n < 0 || n > len(inbox) {
		return nil
	}
	return inbox[:n]
}

// Addr is the offset of b's first byte in the WebAssembly memory, or 0 for
// an empty b. The glue reads and writes b there while a call lasts; the
// caller keeps b alive meanwhile.
func Addr(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(b))))
}

// Call asks the glue to perform op on payload and waits for the result.
// Other goroutines, and the JavaScript event loop, run meanwhile.
func Call(ctx context.Context, op Op, payload []byte) ([]byte, error) {
	once.Do(setUp)
	if unbound != nil {
		return nil, unbound
	}
	ch := make(chan settled, 1)
	mu.Lock()
	lastID++
	id := lastID
	waiting[id] = ch
	mu.Unlock()
	call.Invoke(int(op), id, Addr(payload), len(payload))
	runtime.KeepAlive(payload)
	select {
	case r := <-ch:
		// The glue resumed Go right after writing the inbox, and writes
		// it again only once Go waits: copy the result out now.
		data := append([]byte(nil), Inbox(r.n)...)
		if !r.ok {
			return nil, fmt.Errorf("%w: %s", ErrGlue, data)
		}
		return data, nil
	case <-ctx.Done():
		mu.Lock()
		delete(waiting, id)
		mu.Unlock()
		return nil, ctx.Err()
	}
}

// settle is authlab_settle(id, ok, n): the result of call id lies in the
// first n bytes of the inbox, an error message when ok is 0. It only wakes
// the waiting goroutine, which copies the result when the glue resumes Go:
// an exported function must not block, so it does not allocate either.
//
//go:wasmexport authlab_settle
func settle(id float64, ok, n int32) {
	mu.Lock()
	ch := waiting[id]
	delete(waiting, id)
	mu.Unlock()
	if ch != nil {
		select {
		case ch <- settled{ok: ok != 0, n: int(n)}:
		default:
		}
	}
}
