package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/worker/netthrottle"
	"github.com/chromedp/cdproto/network"
)

func TestHeaderIgnoresTheNameCase(t *testing.T) {
	h2 := network.Headers{"accept-encoding": "gzip, deflate, br, zstd"}
	h1 := network.Headers{"Accept-Encoding": "gzip, deflate"}
	if got := header(h2, "Accept-Encoding"); got != "gzip, deflate, br, zstd" {
		t.Errorf("HTTP/2 name: %q", got)
	}
	if got := header(h1, "accept-encoding"); got != "gzip, deflate" {
		t.Errorf("HTTP/1.1 name: %q", got)
	}
	if got := header(h1, "Content-Encoding"); got != "" {
		t.Errorf("absent header: %q, want empty", got)
	}
}

func visitRequests() []request {
	return []request{
		{url: "https://a.test/jwt", accept: "gzip, deflate, br, zstd", encoding: "br", bytes: 9000},
		{url: "https://a.test/web/app.wasm?v=3", accept: "gzip, deflate, br, zstd", encoding: "br", bytes: 2400000},
		{url: "https://a.test/web/app.wasm", accept: "gzip, deflate, br, zstd", encoding: "gzip", bytes: 4000000},
	}
}

func TestFactOfTakesTheFirstRequestOfTheResource(t *testing.T) {
	reqs := visitRequests()
	f := factOf(reqs, "/web/app.wasm")
	if !f.found || f.encoding != "br" || f.bytes != 2400000 {
		t.Errorf("app.wasm: %+v, want the first request's br and 2400000 bytes", f)
	}
	if d := factOf(reqs, ""); d.bytes != 9000 || d.encoding != "br" {
		t.Errorf("document: %+v, want the first request", d)
	}
	if f := factOf(reqs, "/app.js"); f.found {
		t.Errorf("a resource never requested was found: %+v", f)
	}
	if n := totalBytes(reqs); n != 6409000 {
		t.Errorf("totalBytes = %d", n)
	}
}

func TestCheckBrotli(t *testing.T) {
	reqs := visitRequests()
	if err := checkBrotli(factOf(reqs, "/web/app.wasm")); err != nil {
		t.Errorf("br: %v", err)
	}
	for name, f := range map[string]encodingFact{
		"gzip":          {resource: "/web/app.wasm", accept: "gzip, deflate", encoding: "gzip", found: true},
		"identity":      {resource: "/web/app.wasm", accept: "gzip, deflate, br, zstd", found: true},
		"not requested": {resource: "/web/app.wasm"},
	} {
		if err := checkBrotli(f); !errors.Is(err, errNotBrotli) {
			t.Errorf("%s: err = %v, want errNotBrotli", name, err)
		}
	}
	cached := encodingFact{resource: "/web/app.wasm", fromServiceWorker: true, found: true}
	if err := checkBrotli(cached); err != nil {
		t.Errorf("from the service worker: %v", err)
	}
}

func TestEncodingFactString(t *testing.T) {
	f := encodingFact{accept: "gzip, deflate, br, zstd", encoding: "br", bytes: 2372608, found: true}
	if got, want := f.String(), "Accept-Encoding `gzip, deflate, br, zstd` → Content-Encoding `br`, 2317 KiB"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	f.encoding = ""
	if got := f.String(); !strings.Contains(got, "Content-Encoding `none`") {
		t.Errorf("no encoding: %q", got)
	}
	if got := (encodingFact{found: true, fromServiceWorker: true}).String(); got != "from the service worker's cache" {
		t.Errorf("service worker: %q", got)
	}
}

// TestWorkerRequestsAreLogged feeds the log a dedicated worker's events
// as chromium sends them, the headers as sent on the tab's own session:
// the worker's download of app.wasm is found as the page's would be.
func TestWorkerRequestsAreLogged(t *testing.T) {
	l := new(netLog)
	l.page(&network.EventRequestWillBeSent{RequestID: "1.2", Request: &network.Request{URL: "https://a.test/jwt"}})
	for _, e := range []netthrottle.Event{
		{Session: "A", Method: "Network.requestWillBeSent", Params: []byte(`{"requestId":"1.7","request":{"url":"https://a.test/web/app.wasm"}}`)},
		{Session: "A", Method: "Network.responseReceived", Params: []byte(`{"requestId":"1.7","response":{"headers":{"content-encoding":"br"},"fromServiceWorker":false}}`)},
		{Session: "A", Method: "Network.loadingFinished", Params: []byte(`{"requestId":"1.7","encodedDataLength":2400000}`)},
		{Session: "A", Method: "Network.loadingFinished", Params: []byte(`not JSON`)},
	} {
		l.worker(e)
	}
	l.page(&network.EventRequestWillBeSentExtraInfo{RequestID: "1.7", Headers: network.Headers{"accept-encoding": "gzip, deflate, br, zstd"}})
	reqs := l.take()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2: %+v", len(reqs), reqs)
	}
	f := factOf(reqs, "/web/app.wasm")
	if err := checkBrotli(f); err != nil || f.bytes != 2400000 || f.accept != "gzip, deflate, br, zstd" {
		t.Errorf("%+v: %v", f, err)
	}
}
