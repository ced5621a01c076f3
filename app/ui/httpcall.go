package ui

import (
	"errors"
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
	headers := map[string]any{}
	for _, h := range req.Header {
		headers[h.Name] = h.Value
	}
	opts := map[string]any{
		"method":         methodOf(req),
		"headers":        headers,
		"cache":          "no-store",
		"credentials":    "omit",
		"referrerPolicy": "no-referrer",
	}
	if withCookies {
		opts["credentials"] = "include"
	}
	if req.Body != "" {
		opts["body"] = req.Body
	}
	start := time.Now()
	res, err := awaitPromise(app.Window().Call("fetch", req.URL, opts))
	if err != nil {
		x.Err = fetchFailure(req.URL, err)
		return x
	}
	x.Status = res.Get("status").Int()
	x.StatusText = res.Get("statusText").String()
	entries := app.Window().Get("Array").Call("from", res.Get("headers").Call("entries"))
	for i := 0; i < entries.Length(); i++ {
		e := entries.Index(i)
		x.Header = append(x.Header, snippet.Header{Name: e.Index(0).String(), Value: e.Index(1).String()})
	}
	text, err := awaitPromise(res.Call("text"))
	x.Took = time.Since(start)
	if err != nil {
		x.Err = "the answer's body could not be read: " + err.Error()
		return x
	}
	x.Body = text.String()
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

// await waits for a JavaScript promise on the calling goroutine, which must
// not be the UI goroutine.
func awaitPromise(promise app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	ch := make(chan result, 1)
	ok := app.FuncOf(func(this app.Value, args []app.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	fail := app.FuncOf(func(this app.Value, args []app.Value) any {
		ch <- result{err: errors.New(args[0].Call("toString").String())}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	promise.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}
