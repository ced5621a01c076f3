//go:build js && wasm

// Package jsserve hands requests from the worker's JavaScript glue to an
// http.Handler with as few crossings between JavaScript and Go as possible:
// the glue passes the method, URL, headers as one string and the whole body
// as bytes; Go answers with the status, headers as one string and the body.
// There is no stream, pipe or extra goroutine per request beyond the one
// that runs the handler.
package jsserve

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"syscall/js"
)

// Register installs handler as binding.serve(method, url, head, body,
// resolve) on the runtime object the glue passed to Go (globalThis.context).
// The glue calls it once per request; resolve receives [status, head,
// body].
func Register(handler http.Handler) {
	binding := js.Global().Get("context").Get("binding")
	binding.Set("serve", js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve := args[4]
		req, err := newRequest(args[0].String(), args[1].String(), args[2].String(), args[3])
		if err != nil {
			resolve.Invoke(errorResponse(http.StatusBadRequest, err))
			return nil
		}
		go serve(handler, req, resolve)
		return nil
	}))
}

func serve(handler http.Handler, req *http.Request, resolve js.Value) {
	w := &responseWriter{header: http.Header{}}
	defer func() {
		if v := recover(); v != nil {
			resolve.Invoke(errorResponse(http.StatusInternalServerError, fmt.Errorf("panic: %v", v)))
		}
	}()
	handler.ServeHTTP(w, req)
	resolve.Invoke(w.result())
}

// newRequest builds the request from what the glue read synchronously, so
// the handler never reaches back into JavaScript for it.
func newRequest(method, rawURL, head string, body js.Value) (*http.Request, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	h := make(http.Header)
	for line := range strings.SplitSeq(head, "\n") {
		if name, value, ok := strings.Cut(line, ": "); ok {
			h[http.CanonicalHeaderKey(name)] = append(h[http.CanonicalHeaderKey(name)], value)
		}
	}
	var b []byte
	if body.Type() == js.TypeObject {
		b = make([]byte, body.Length())
		js.CopyBytesToGo(b, body)
	}
	req := (&http.Request{
		Method:        method,
		URL:           u,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Host:          u.Host,
		RequestURI:    u.RequestURI(),
		RemoteAddr:    h.Get("CF-Connecting-IP"),
		ContentLength: int64(len(b)),
		Body:          http.NoBody,
	}).WithContext(context.Background())
	if b != nil {
		req.Body = readCloser{bytes.NewReader(b)}
	}
	return req, nil
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// responseWriter buffers the response; the glue builds one Response.
type responseWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

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

func (w *responseWriter) result() js.Value {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	var head strings.Builder
	for name, values := range w.header {
		for _, v := range values {
			// A line break inside a value would forge a header.
			v = strings.NewReplacer("\r", " ", "\n", " ").Replace(v)
			head.WriteString(name)
			head.WriteString(": ")
			head.WriteString(v)
			head.WriteByte('\n')
		}
	}
	var body js.Value = js.Null()
	if w.body.Len() > 0 {
		body = js.Global().Get("Uint8Array").New(w.body.Len())
		js.CopyBytesToJS(body, w.body.Bytes())
	}
	return js.ValueOf([]any{w.status, head.String(), body})
}

func errorResponse(status int, err error) js.Value {
	body := fmt.Sprintf(`{"error":"invalid_request","error_description":%q}`, err.Error())
	if status >= 500 {
		body = `{"error":"server_error","error_description":"internal error"}`
	}
	b := js.Global().Get("Uint8Array").New(len(body))
	js.CopyBytesToJS(b, []byte(body))
	return js.ValueOf([]any{status, "Content-Type: application/json\n", b})
}
