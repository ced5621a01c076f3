package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/authlab/authlab/worker/netthrottle"
	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/go-json-experiment/json/jsontext"
)

// errNotBrotli is returned when app.wasm reached the browser other than
// brotli-compressed, as the worker must send it to Chrome.
var errNotBrotli = errors.New("app.wasm did not arrive as br")

// request is what the browser saw of one request: the Accept-Encoding it
// sent, the Content-Encoding of the answer and the bytes on the wire.
type request struct {
	url, accept, encoding string
	bytes                 int64
	fromServiceWorker     bool
}

// netLog records every request of a browser tab, in order, from the
// DevTools protocol's network events.
type netLog struct {
	mu    sync.Mutex
	reqs  map[network.RequestID]*request
	order []network.RequestID
}

func (l *netLog) get(id network.RequestID) *request {
	if l.reqs == nil {
		l.reqs = map[network.RequestID]*request{}
	}
	r := l.reqs[id]
	if r == nil {
		r = &request{}
		l.reqs[id] = r
		l.order = append(l.order, id)
	}
	return r
}

func (l *netLog) listen(ctx context.Context) {
	chromedp.ListenTarget(ctx, l.page)
}

// page records a network event of the tab's own session. The headers as
// sent of a dedicated worker's request come here too, under the request
// id of the worker's own events (see worker).
func (l *netLog) page(ev any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		l.get(e.RequestID).url = e.Request.URL
	case *network.EventRequestWillBeSentExtraInfo:
		// The headers as sent, with those the network stack adds.
		l.get(e.RequestID).accept = header(e.Headers, "Accept-Encoding")
	case *network.EventResponseReceived:
		r := l.get(e.RequestID)
		r.encoding = header(e.Response.Headers, "Content-Encoding")
		r.fromServiceWorker = e.Response.FromServiceWorker
	case *network.EventLoadingFinished:
		l.get(e.RequestID).bytes = int64(e.EncodedDataLength)
	}
}

// worker records a network event of one of the tab's dedicated workers
// (netthrottle.Workers), such as web/compile.js's download of app.wasm,
// as page records the tab's own. Its Network.requestWillBeSentExtraInfo,
// with the Accept-Encoding sent, reaches the tab's session instead, with
// the same request id, which chromium makes unique in the browser.
func (l *netLog) worker(e netthrottle.Event) {
	ev, err := cdproto.UnmarshalMessage(&cdproto.Message{Method: cdproto.MethodType(e.Method), Params: jsontext.Value(e.Params)}, chromedp.DefaultUnmarshalOptions)
	if err == nil {
		l.page(ev)
	}
}

// take returns the requests since the last take and forgets them.
func (l *netLog) take() []request {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]request, 0, len(l.order))
	for _, id := range l.order {
		out = append(out, *l.reqs[id])
	}
	l.reqs, l.order = nil, nil
	return out
}

// header is the value of a header whatever the case of its name, as
// HTTP/2 sends names in lower case (RFC 9113 §8.2.2).
func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			if s, ok := v.(string); ok {
				return s
			}
			return fmt.Sprint(v)
		}
	}
	return ""
}

// totalBytes is what crossed the network for the requests.
func totalBytes(reqs []request) int64 {
	var n int64
	for _, r := range reqs {
		n += r.bytes
	}
	return n
}

// encodingFact is how one page's main resource travelled on one visit.
type encodingFact struct {
	resource          string // the path it was found by
	accept, encoding  string
	bytes             int64
	fromServiceWorker bool
	found             bool
}

// factOf describes the first request whose URL path ends in suffix, or,
// for suffix "", the first request of the visit (the document). A
// request the browser sent again (such as a service worker's own fetch
// of a resource the page also fetched) does not replace the first.
func factOf(reqs []request, suffix string) encodingFact {
	for _, r := range reqs {
		path := r.url
		if i := strings.IndexAny(path, "?#"); i >= 0 {
			path = path[:i]
		}
		if suffix == "" || strings.HasSuffix(path, suffix) {
			return encodingFact{resource: suffix, accept: r.accept, encoding: r.encoding, bytes: r.bytes,
				fromServiceWorker: r.fromServiceWorker, found: true}
		}
	}
	return encodingFact{resource: suffix}
}

// checkBrotli fails unless the fact shows a resource sent over the
// network brotli-compressed. A resource the service worker answered from
// its cache (a repeat visit) did not cross the network and passes.
func checkBrotli(f encodingFact) error {
	switch {
	case !f.found:
		return fmt.Errorf("%w: no request for %s", errNotBrotli, f.resource)
	case f.fromServiceWorker:
		return nil
	case f.encoding != "br":
		return fmt.Errorf("%w: Content-Encoding %q for Accept-Encoding %q", errNotBrotli, f.encoding, f.accept)
	}
	return nil
}

// String is the fact as the report prints it.
func (f encodingFact) String() string {
	if !f.found {
		return "not requested"
	}
	if f.fromServiceWorker {
		return "from the service worker's cache"
	}
	enc := f.encoding
	if enc == "" {
		enc = "none"
	}
	return fmt.Sprintf("Accept-Encoding `%s` → Content-Encoding `%s`, %s", f.accept, enc, kib(f.bytes))
}
