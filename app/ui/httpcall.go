package ui

import (
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/snippet"
)

// exchange is one request sent to the demo server and the answer, as far as
// the browser lets a page read it: Set-Cookie never, and on another origin
// only the headers the server exposes (Fetch standard, CORS).
type exchange struct {
	Req        snippet.Request
	Status     int
	StatusText string
	Header     []snippet.Header
	Body       string
	Err        string // set when no answer could be read
	Took       time.Duration
}

// header returns the first response header with the name, or "".
func (x *exchange) header(name string) string {
	for _, h := range x.Header {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// send sends req with the browser's fetch and calls done on the UI
// goroutine with the exchange. withCookies sends and stores cookies
// (credentials "include"), which only the session requests need; every
// other request omits them, which also keeps the browser from prompting
// for Basic credentials on a 401.
func send(ctx app.Context, req snippet.Request, withCookies bool, done func(app.Context, *exchange)) {
	ctx.Async(func() {
		x := fetch(req, withCookies)
		ctx.Dispatch(func(ctx app.Context) { done(ctx, x) })
	})
}

func fetch(req snippet.Request, withCookies bool) *exchange {
	x := &exchange{Req: req}
	o := fetchOptions{Method: methodOf(req), Body: req.Body, Cookies: withCookies}
	for _, h := range req.Header {
		o.Header = append(o.Header, [2]string{h.Name, h.Value})
	}
	start := time.Now()
	f, err := browserFetch(req.URL, o)
	x.Took = time.Since(start)
	if f == nil {
		x.Err = fetchFailure(req.URL, err)
		return x
	}
	x.Status, x.StatusText, x.Body = f.Status, f.StatusText, f.Body
	for _, h := range f.Header {
		x.Header = append(x.Header, snippet.Header{Name: h[0], Value: h[1]})
	}
	if err != nil {
		x.Err = err.Error()
	}
	return x
}

func methodOf(r snippet.Request) string {
	if r.Method == "" {
		return "GET"
	}
	return r.Method
}

// fetchFailure explains a rejected fetch: the browser tells a page nothing
// more than "failed", on purpose.
func fetchFailure(target string, err error) string {
	msg := err.Error() + ". The browser could not read an answer from "
	if u, perr := url.Parse(target); perr == nil {
		msg += u.Scheme + "://" + u.Host
	}
	msg += ": the network is down, the server is unreachable, or it did not allow this page's origin (CORS)."
	return msg
}
