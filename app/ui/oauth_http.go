package ui

import (
	"bytes"
	"encoding/json"
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

// oauthDo sends req with the browser's fetch and waits for the whole
// response. It blocks, so it runs in ctx.Async, never on the UI
// goroutine. redirect is fetch's redirect mode: "follow" or "manual".
// No cookies are sent or stored: OAuth requests carry their credentials
// explicitly.
func oauthDo(req *oauth.Request, redirect string) *oauthExchange {
	x := &oauthExchange{Req: req}
	o := fetchOptions{Method: req.Method, Body: req.Body, Redirect: redirect}
	for _, f := range req.Header {
		o.Header = append(o.Header, [2]string{f.Name, f.Value})
	}
	start := time.Now()
	f, err := browserFetch(req.URL, o)
	x.Took, x.Err = time.Since(start), err
	if f == nil {
		return x
	}
	x.Status, x.StatusText, x.Body = f.Status, f.StatusText, f.Body
	x.URL, x.Redirected = f.URL, f.Redirected
	for _, h := range f.Header {
		x.Header = append(x.Header, oauth.Field{Name: h[0], Value: h[1]})
	}
	return x
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
