//go:build js && wasm

package jsserve

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
)

// responseWriter buffers the response; the glue builds one Response.
type responseWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newResponseWriter() *responseWriter { return &responseWriter{header: http.Header{}} }

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(p)
}

// encoded is a response as the glue reads it: the status, and one buffer
// holding the head (a "name: value" line per header) and then the body.
type encoded struct {
	status  int
	buf     []byte
	headLen int
}

func (w *responseWriter) encode() encoded {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n := w.body.Len()
	for name, values := range w.header {
		for _, v := range values {
			n += len(name) + len(v) + 3
		}
	}
	buf := make([]byte, 0, n)
	for name, values := range w.header {
		for _, v := range values {
			buf = append(buf, name...)
			buf = append(buf, ": "...)
			// A line break inside a value would forge a header.
			for i := 0; i < len(v); i++ {
				if c := v[i]; c == '\r' || c == '\n' {
					buf = append(buf, ' ')
				} else {
					buf = append(buf, c)
				}
			}
			buf = append(buf, '\n')
		}
	}
	headLen := len(buf)
	buf = append(buf, w.body.Bytes()...)
	return encoded{status: w.status, buf: buf, headLen: headLen}
}

// errorResponse is a JSON error answered without the handler.
func errorResponse(status int, err error) encoded {
	body := fmt.Sprintf(`{"error":"invalid_request","error_description":%s}`, strconv.Quote(err.Error()))
	if status >= 500 {
		body = `{"error":"server_error","error_description":"internal error"}`
	}
	head := "Content-Type: application/json\n"
	return encoded{status: status, buf: []byte(head + body), headLen: len(head)}
}
