//go:build js && wasm

// Package jsserve hands requests from the worker's JavaScript glue
// (worker/glue/worker.mjs) to an http.Handler with as few crossings between
// JavaScript and Go as it can.
//
// The glue writes the request head ("METHOD URL" and one "name: value" line
// per header) and the body into the glue's inbox (see worker/glue), calls
// the exported function authlab_serve(id, headLen, bodyLen) and resumes Go,
// which copies the request out and runs the handler on the goroutine that
// was waiting for it. The answer goes back the same way: Go calls the glue's
// respond(id, status, ptr, headLen, bodyLen) once, and the glue copies the
// head and body straight out of Go's memory while the call lasts.
//
// A request thus costs one call into Go and one call out of it, and no
// JavaScript object or string crosses as a js.Value.
package jsserve

import (
	"fmt"
	"net/http"
	"runtime"
	"syscall/js"

	"github.com/authlab/authlab/worker/glue"
)

// server is the state shared with the glue.
type server struct {
	handler http.Handler
	respond js.Value // the glue's respond function
	// idle counts the goroutines waiting for the next request. Go runs
	// them one at a time, on one thread, so a plain int does.
	idle int
}

// incoming is the request that authlab_serve announced, waiting in the
// inbox; arrived wakes one of the goroutines waiting for a request.
var (
	incoming struct {
		id               float64
		headLen, bodyLen int
	}
	arrived = make(chan struct{}, 1)
)

// serveExport is authlab_serve(id, headLen, bodyLen). It only records the
// request and wakes a waiting goroutine, which copies the request out when
// the glue resumes Go: an exported function must not block, so it does not
// allocate either.
//
//go:wasmexport authlab_serve
func serveExport(id float64, headLen, bodyLen int32) {
	incoming.id, incoming.headLen, incoming.bodyLen = id, int(headLen), int(bodyLen)
	select {
	case arrived <- struct{}{}:
	default:
	}
}

// Serve serves handler for as long as the program runs: it waits for the
// requests that the glue announces with authlab_serve, answers them through
// binding.respond, which the glue sets, tells the glue that Go is ready,
// and never returns, so that the one Go instance of the isolate serves
// every request.
func Serve(handler http.Handler) {
	s := &server{handler: handler, respond: glue.Binding().Get("respond"), idle: 1}
	go s.follow()
	ready()
	select {}
}

// ready resolves the promise that worker.mjs awaits before it hands the
// instance its first request.
//
//go:wasmimport authlab ready
func ready()

// follow waits for a request, takes it out of the inbox before the glue
// gets control back, and serves it on the same goroutine, so a request
// costs no hand-over from one goroutine to another. Before serving, it
// makes sure another goroutine waits for the next request, which may
// arrive while this one's handler waits for I/O. Its stack, grown by the
// handler, stays grown for the next request. There are as many of these
// goroutines as requests were ever in flight at once, plus one.
func (s *server) follow() {
	for range arrived {
		s.idle--
		id := incoming.id
		req, refused := take(incoming.headLen, incoming.bodyLen)
		if s.idle == 0 {
			s.idle++
			go s.follow()
		}
		if req != nil {
			s.run(id, req)
		} else {
			s.reply(id, refused)
		}
		s.idle++
	}
}

// take copies a request out of the inbox, so the glue may reuse it. It
// returns the request, or the response that refuses it.
func take(headLen, bodyLen int) (*http.Request, encoded) {
	in := glue.Inbox(headLen + bodyLen)
	if in == nil || headLen < 0 || bodyLen < 0 {
		return nil, errorResponse(http.StatusBadRequest, fmt.Errorf("request of %d+%d bytes does not fit the inbox", headLen, bodyLen))
	}
	var body []byte
	if bodyLen > 0 {
		body = append([]byte(nil), in[headLen:]...)
	}
	req, err := newRequest(string(in[:headLen]), body)
	if err != nil {
		return nil, errorResponse(http.StatusBadRequest, err)
	}
	return req, encoded{}
}

// run serves req and answers request id; a panic in the handler is
// answered with a 500 and does not end the goroutine.
func (s *server) run(id float64, req *http.Request) {
	w := newResponseWriter()
	defer func() {
		if v := recover(); v != nil {
			s.reply(id, errorResponse(http.StatusInternalServerError, fmt.Errorf("panic: %v", v)))
		}
	}()
	s.handler.ServeHTTP(w, req)
	s.reply(id, w.encode())
}

// reply hands an encoded response to the glue, which copies it out of Go's
// memory before respond returns.
func (s *server) reply(id float64, r encoded) {
	s.respond.Invoke(id, r.status, glue.Addr(r.buf), r.headLen, len(r.buf)-r.headLen)
	runtime.KeepAlive(r.buf)
}
