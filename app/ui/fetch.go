package ui

import (
	"errors"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// errNotBrowser is returned when a request is attempted outside a browser,
// as when the page is prerendered.
var errNotBrowser = errors.New("requests are only sent from a browser")

// fetchOptions are the parts of a fetch request the pages set. Header
// names and values go in as given.
type fetchOptions struct {
	Method   string
	Header   [][2]string
	Body     string
	Cookies  bool   // credentials "include" instead of "omit"
	Redirect string // "follow" (the default) or "manual"
}

// fetched is what the Fetch standard lets a page read of an answer:
// never Set-Cookie, and on another origin only the headers the server
// exposes (CORS).
type fetched struct {
	Status     int
	StatusText string
	Header     [][2]string // lower-case names, as fetch's Headers gives them
	URL        string      // the final URL, after any redirect fetch followed
	Redirected bool
	Body       string // empty when Redirected: it is the target page's
}

// browserFetch sends one request with the browser's fetch and reads the
// whole answer. It blocks, so it runs in ctx.Async, never on the UI
// goroutine. Nothing is cached and no referrer is sent. Without cookies
// (credentials "omit") a 401 with a Basic challenge does not make the
// browser prompt for a password.
func browserFetch(url string, o fetchOptions) (f *fetched, err error) {
	if !app.IsClient {
		return nil, errNotBrowser
	}
	defer func() {
		if r := recover(); r != nil { // fetch throws synchronously on a bad URL
			f, err = nil, errors.New("the browser refused the request")
		}
	}()
	headers := map[string]any{}
	for _, h := range o.Header {
		headers[h[0]] = h[1]
	}
	opts := map[string]any{
		"method":         o.Method,
		"headers":        headers,
		"cache":          "no-store",
		"credentials":    "omit",
		"referrerPolicy": "no-referrer",
		"redirect":       "follow",
	}
	if o.Method == "" {
		opts["method"] = "GET"
	}
	if o.Cookies {
		opts["credentials"] = "include"
	}
	if o.Redirect != "" {
		opts["redirect"] = o.Redirect
	}
	if o.Body != "" {
		opts["body"] = o.Body
	}
	res, err := awaitPromise(app.Window().Call("fetch", url, opts))
	if err != nil {
		return nil, err
	}
	f = &fetched{
		Status:     res.Get("status").Int(),
		StatusText: res.Get("statusText").String(),
		URL:        res.Get("url").String(),
		Redirected: res.Get("redirected").Bool(),
	}
	entries := app.Window().Get("Array").Call("from", res.Get("headers").Call("entries"))
	for i := 0; i < entries.Length(); i++ {
		e := entries.Index(i)
		f.Header = append(f.Header, [2]string{e.Index(0).String(), e.Index(1).String()})
	}
	if f.Redirected {
		return f, nil
	}
	body, err := awaitPromise(res.Call("text"))
	if err != nil {
		return f, fmt.Errorf("%w: %v", errBodyUnread, err)
	}
	f.Body = body.String()
	return f, nil
}

// errBodyUnread is returned with the status and headers when the body of
// an answer could not be read.
var errBodyUnread = errors.New("the answer's body could not be read")

// awaitPromise blocks until a JavaScript promise settles. It must not run
// on the UI goroutine.
func awaitPromise(promise app.Value) (app.Value, error) {
	type result struct {
		v   app.Value
		err error
	}
	ch := make(chan result, 1)
	ok := app.FuncOf(func(this app.Value, args []app.Value) any {
		v := app.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	fail := app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "the request failed"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ch <- result{err: errors.New(msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	promise.Call("then", ok, fail)
	r := <-ch
	return r.v, r.err
}
