//go:build js && wasm

// Package jsserve hands requests from the worker's JavaScript glue
// (worker/glue/worker.mjs) to an http.Handler with as few crossings between
// JavaScript and Go as it can.
//
// The glue writes the request head ("METHOD URL" and one "name: value" line
// per header) and the body into the glue's inbox (see worker/glue), calls
// the exported function authlab_serve(id, headLen, bodyLen) and resumes Go,
// which copies the request out and runs the handler on a pooled goroutine. The answer goes back the same way: Go calls the glue's
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
	respond js.Value  // the glue's respond function
	jobs    chan *job // hands a request to an idle worker goroutine
}

// job is one request on its way through the handler.
type job struct {
	id  float64
	req *http.Request
}

// incoming is the request that authlab_serve announced, waiting in the
// inbox; arrived wakes the goroutine that takes it.
var (
	incoming struct {
		id               float64
		headLen, bodyLen int
	}
	arrived = make(chan struct{}, 1)
)

// serveExport is authlab_serve(id, headLen, bodyLen). It only records the
// request and wakes the intake goroutine, which copies the request out when
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

// Register starts serving the requests that the project's glue announces
// with authlab_serve, and reads binding.respond, which that glue sets.
// Under another glue it does nothing.
func Register(handler http.Handler) {
	if !glue.Available() {
		return
	}
	s := &server{handler: handler, respond: glue.Binding().Get("respond"), jobs: make(chan *job)}
	go s.intake()
}

// intake takes every announced request out of the inbox before the glue
// gets control back, and hands it to a worker goroutine.
func (s *server) intake() {
	for range arrived {
		s.take(incoming.id, incoming.headLen, incoming.bodyLen)
	}
}

// take copies a request out of the inbox, so the glue may reuse it, and
// dispatches it.
func (s *server) take(id float64, headLen, bodyLen int) {
	in := glue.Inbox(headLen + bodyLen)
	if in == nil || headLen < 0 || bodyLen < 0 {
		s.reply(id, errorResponse(http.StatusBadRequest, fmt.Errorf("request of %d+%d bytes does not fit the inbox", headLen, bodyLen)))
		return
	}
	var body []byte
	if bodyLen > 0 {
		body = append([]byte(nil), in[headLen:]...)
	}
	req, err := newRequest(string(in[:headLen]), body)
	if err != nil {
		s.reply(id, errorResponse(http.StatusBadRequest, err))
		return
	}
	j := &job{id: id, req: req}
	select {
	case s.jobs <- j: // an idle worker takes it
	default:
		go s.worker(j)
	}
}

// worker serves j and then waits for the next request. Its stack, grown by
// the handler, stays grown for the next one. Workers never exit: there are
// as many as requests were ever in flight at once.
func (s *server) worker(j *job) {
	for {
		s.run(j)
		j = <-s.jobs
	}
}

func (s *server) run(j *job) {
	w := newResponseWriter()
	defer func() {
		if v := recover(); v != nil {
			s.reply(j.id, errorResponse(http.StatusInternalServerError, fmt.Errorf("panic: %v", v)))
		}
	}()
	s.handler.ServeHTTP(w, j.req)
	s.reply(j.id, w.encode())
}

// reply hands an encoded response to the glue, which copies it out of Go's
// memory before respond returns.
func (s *server) reply(id float64, r encoded) {
	s.respond.Invoke(id, r.status, glue.Addr(r.buf), r.headLen, len(r.buf)-r.headLen)
	runtime.KeepAlive(r.buf)
}
