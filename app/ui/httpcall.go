package ui

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
	"github.com/authlab/authlab/app/webio"
)

// exchange is one request a page sent and the answer, as far as the
// browser lets a page read it: Set-Cookie never, and on another origin
// only the headers the server exposes (Fetch standard, CORS).
type exchange struct {
	Req httpmsg.Request
	httpmsg.Response
	// Err is set when no answer, or no body, could be read.
	Err  error
	Took time.Duration
}

// header returns the first response header with the name, or "".
func (x *exchange) header(name string) string { return x.Response.Get(name) }

// problem explains Err for the reader: a rejected fetch says nothing more
// than "failed", on purpose, so the likely causes are spelled out.
func (x *exchange) problem() string {
	if x.Err == nil {
		return ""
	}
	if errors.Is(x.Err, webio.ErrBodyUnread) {
		return x.Err.Error()
	}
	return fetchFailure(x.Req.URL, x.Err)
}

// oauthError is the RFC 6749 §5.2 error in the response body, if any.
func (x *exchange) oauthError() *oauth.Error {
	var e oauth.Error
	if json.Unmarshal([]byte(x.Body), &e) != nil || e.Code == "" {
		return nil
	}
	return &e
}

// json decodes the response body into v.
func (x *exchange) json(v any) error { return json.Unmarshal([]byte(x.Body), v) }

// do sends req with the browser's fetch and waits for the whole answer;
// after a redirect that fetch followed, only where it ended is kept.
// It blocks, so it runs in ctx.Async, never on the UI goroutine.
func do(req httpmsg.Request, o webio.FetchOptions) *exchange {
	x := &exchange{Req: req}
	start := time.Now()
	res, err := webio.Fetch(context.Background(), &req, o)
	x.Took, x.Err = time.Since(start), err
	if res != nil {
		x.Response = *res
	}
	if x.Redirected {
		x.Body = "" // the page fetch landed on, which the exchange does not show
	}
	return x
}

// send sends req with the browser's fetch and calls done on the UI
// goroutine with the exchange. withCookies sends and stores cookies
// (credentials "include"), which only the session requests need; every
// other request omits them, which also keeps the browser from prompting
// for Basic credentials on a 401.
func send(ctx app.Context, req httpmsg.Request, withCookies bool, done func(app.Context, *exchange)) {
	ctx.Async(func() {
		x := do(req, webio.FetchOptions{Cookies: withCookies})
		ctx.Dispatch(func(ctx app.Context) { done(ctx, x) })
	})
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
