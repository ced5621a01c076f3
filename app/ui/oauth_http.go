package ui

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/oauth"
)

// oauthExchange is one HTTP round trip of the OAuth page: the request as
// built by app/oauth and sent by the browser's fetch, and the response as
// fetch exposes it.
type oauthExchange struct {
	Req        *oauth.Request
	Status     int
	StatusText string
	Header     []oauth.Field // lower-case names, as fetch's Headers gives them
	Body       string
	URL        string // the final URL, after any redirect fetch followed
	Redirected bool
	Err        error // the request never got an answer
	Took       time.Duration
}

// header returns a response header's value.
func (x *oauthExchange) header(name string) string {
	for _, f := range x.Header {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// oauthError is the RFC 6749 §5.2 error in the response body, if any.
func (x *oauthExchange) oauthError() *oauth.Error {
	var e oauth.Error
	if json.Unmarshal([]byte(x.Body), &e) != nil || e.Code == "" {
		return nil
	}
	return &e
}

// json decodes the response body into v.
func (x *oauthExchange) json(v any) error { return json.Unmarshal([]byte(x.Body), v) }

// responseText renders the response like an HTTP/1.1 message, JSON bodies
// indented. A redirect that fetch followed is shown as the 303 it was,
// with the Location fetch reports.
func (x *oauthExchange) responseText() string {
	if x.Err != nil {
		return "(no response: " + x.Err.Error() + ")"
	}
	var b strings.Builder
	if x.Redirected {
		b.WriteString("HTTP/1.1 303 See Other\nlocation: " + x.URL + "\n\n")
		b.WriteString("(fetch followed this redirect, as a browser does, and reports only where it ended: the page at that address is not shown)")
		return b.String()
	}
	b.WriteString("HTTP/1.1 " + strconv.Itoa(x.Status) + " " + x.StatusText + "\n")
	for _, f := range x.Header {
		b.WriteString(f.Name + ": " + f.Value + "\n")
	}
	b.WriteString("\n")
	body := x.Body
	if strings.Contains(x.header("content-type"), "json") {
		var out bytes.Buffer
		if json.Indent(&out, []byte(body), "", "  ") == nil {
			body = out.String()
		}
	}
	if len(body) > 4000 {
		body = body[:4000] + "\n… (" + strconv.Itoa(len(x.Body)) + " bytes in all)"
	}
	b.WriteString(body)
	return b.String()
}

// errNotBrowser is returned when a request is attempted outside a browser,
// as when the page is prerendered.
var errNotBrowser = errors.New("requests are only sent from a browser")

// oauthDo sends req with the browser's fetch and waits for the whole
// response. It blocks, so it runs in ctx.Async, never on the UI
// goroutine. redirect is fetch's redirect mode: "follow" or "manual".
// No cookies are sent or stored (credentials "omit"): OAuth requests
// carry their credentials explicitly, and without it a 401 with a Basic
// challenge would make the browser prompt for a password. Nothing is
// cached.
func oauthDo(req *oauth.Request, redirect string) *oauthExchange {
	x := &oauthExchange{Req: req}
	if !app.IsClient {
		x.Err = errNotBrowser
		return x
	}
	start := time.Now()
	defer func() {
		if r := recover(); r != nil { // fetch throws synchronously on a bad URL
			x.Err = errors.New("the browser refused the request")
		}
		x.Took = time.Since(start)
	}()
	headers := map[string]any{}
	for _, f := range req.Header {
		headers[f.Name] = f.Value
	}
	opts := map[string]any{
		"method": req.Method, "headers": headers, "redirect": redirect,
		"credentials": "omit", "cache": "no-store",
	}
	if req.Body != "" {
		opts["body"] = req.Body
	}
	res, err := oauthAwait(app.Window().Call("fetch", req.URL, opts))
	if err != nil {
		x.Err = err
		return x
	}
	x.Status = res.Get("status").Int()
	x.StatusText = res.Get("statusText").String()
	x.URL = res.Get("url").String()
	x.Redirected = res.Get("redirected").Bool()
	each := app.FuncOf(func(this app.Value, args []app.Value) any {
		x.Header = append(x.Header, oauth.Field{Name: args[1].String(), Value: args[0].String()})
		return nil
	})
	res.Get("headers").Call("forEach", each)
	each.Release()
	if x.Redirected {
		return x // the body is the redirect target's page
	}
	body, err := oauthAwait(res.Call("text"))
	if err != nil {
		x.Err = err
		return x
	}
	x.Body = body.String()
	return x
}

// oauthAwait blocks until a JavaScript promise settles.
func oauthAwait(promise app.Value) (app.Value, error) {
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
	promise.Call("then", ok, fail)
	r := <-ch
	ok.Release()
	fail.Release()
	return r.v, r.err
}

// oauthHTTP shows an exchange: the request exactly as sent, then the
// response. id prefixes the elements' ids, for tests and links.
func oauthHTTP(id string, x *oauthExchange) app.UI {
	if x == nil {
		return app.Text("")
	}
	status := "ok"
	if x.Err != nil || x.Status >= 400 {
		status = "failed"
	}
	return app.Div().ID(id).Class("http-exchange "+status).DataSet("status", x.Status).Body(
		app.Div().Class("http-half").Body(
			app.H4().Class("seg-title").Text("Request"),
			app.Pre().ID(id+"-request").Class("json http-request").Text(x.Req.Dump()),
		),
		app.Div().Class("http-half").Body(
			app.H4().Class("seg-title").Text("Response · "+x.Took.Round(time.Millisecond).String()),
			app.Pre().ID(id+"-response").Class("json http-response").Text(x.responseText()),
		),
	)
}
