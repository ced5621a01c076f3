package ui

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/webio"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// oauthResponseText renders the response like an HTTP/1.1 message, JSON bodies
// indented. A redirect that fetch followed is shown as the 303 it was,
// with the Location fetch reports.
func oauthResponseText(x *exchange) string {
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
func oauthDo(req *httpmsg.Request, redirect string) *exchange {
	return do(*req, webio.FetchOptions{Redirect: redirect})
}

// oauthHTTP shows an exchange: the request exactly as sent, the response,
// and the client code that repeats the request. id prefixes the elements' ids, for tests and links.
func oauthHTTP(id string, x *exchange) app.UI {
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
			app.Pre().ID(id+"-response").Class("json http-response").Text(oauthResponseText(x)),
		),
		app.Details().Class("snippet-box").Body(
			app.Summary().Text("Code for this request"),
			&snippetView{ID: id + "-code", Req: &x.Req},
		),
	)
}
