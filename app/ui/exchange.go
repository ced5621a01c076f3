package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/basic"
)

// exchangeView shows one request and its answer as HTTP text, the
// challenge of a 401 spelled out, and the client code that repeats the
// request.
type exchangeView struct {
	app.Compo
	ID    string
	Title string
	X     *exchange
}

func (v *exchangeView) Render() app.UI {
	x := v.X
	if x == nil {
		return app.Div()
	}
	return app.Section().ID(v.ID).Class("exchange").DataSet("status", x.Status).Body(
		app.H3().Text(v.Title),
		app.Div().Class("http").Body(
			app.Div().Body(
				app.H4().Text("Request"),
				app.Pre().Class("http-req").Text(requestText(x)),
			),
			app.Div().Body(
				app.H4().Text("Response"),
				app.If(x.Err != nil, func() app.UI {
					return app.P().Class("problems").Role("alert").Text(x.problem())
				}).Else(func() app.UI {
					return app.Pre().Class("http-res status-" + statusClass(x.Status)).Text(responseText(x))
				}),
			),
		),
		app.If(x.header("WWW-Authenticate") != "", func() app.UI {
			return challengeView(x.header("WWW-Authenticate"))
		}),
		app.Details().Class("snippet-box").Body(
			app.Summary().Text("Code for this request"),
			&snippetView{ID: v.ID + "-code", Req: &x.Req},
		),
	)
}

func statusClass(code int) string {
	switch {
	case code >= 200 && code < 300:
		return "ok"
	case code == 401 || code == 403 || code == 429:
		return "refused"
	}
	return "other"
}

// requestText writes the request as HTTP/1.1 message text (RFC 9112 §3).
func requestText(x *exchange) string {
	var b strings.Builder
	u, err := url.Parse(x.Req.URL)
	if err != nil {
		return x.Req.URL
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\nHost: %s\n", x.Req.MethodOrGet(), u.RequestURI(), u.Host)
	for _, h := range x.Req.Header {
		fmt.Fprintf(&b, "%s: %s\n", h.Name, h.Value)
	}
	if m := x.Req.MethodOrGet(); m != "GET" && m != "HEAD" && app.IsClient {
		fmt.Fprintf(&b, "Origin: %s (added by the browser)\n", app.Window().Get("location").Get("origin").String())
	}
	if x.Req.Login != nil {
		fmt.Fprintf(&b, "Cookie: %s=… (set by the login, sent by the browser, unreadable here)\n", x.Req.Cookie)
	}
	if x.Req.Body != "" {
		b.WriteString("\n" + x.Req.Body + "\n")
	}
	return b.String()
}

// responseText writes the status line, the headers the page may read and
// the body, with JSON indented.
func responseText(x *exchange) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP %d %s\n", x.Status, x.StatusText)
	for _, h := range x.Header {
		fmt.Fprintf(&b, "%s: %s\n", h.Name, h.Value)
	}
	if x.Body != "" {
		var out bytes.Buffer
		if json.Indent(&out, []byte(x.Body), "", "  ") == nil {
			b.WriteString("\n" + out.String())
		} else {
			b.WriteString("\n" + x.Body)
		}
	}
	return b.String()
}

// challengeView spells out a WWW-Authenticate challenge (RFC 9110 §11.6.1)
// with its auth-params. The syntax is that of credentials, so app/basic's
// parser reads it.
func challengeView(value string) app.UI {
	a, err := basic.ParseAuthorization(value)
	if err != nil {
		return app.P().Class("challenge").Text("WWW-Authenticate: " + value)
	}
	names := []string{}
	for _, n := range []string{"realm", "charset", "error", "error_description", "scope", "header"} {
		if _, ok := a.Params[n]; ok {
			names = append(names, n)
		}
	}
	return app.Div().Class("challenge").Body(
		app.P().Body(app.Strong().Text("Challenge: "), app.Code().Text(a.Scheme),
			app.Text(" — "+schemeNote(a.Scheme))),
		app.If(len(names) > 0, func() app.UI {
			return app.Dl().Class("params").Body(app.Range(names).Slice(func(i int) app.UI {
				n := names[i]
				return app.Div().Body(
					app.Dt().Body(app.Code().Text(n)),
					app.Dd().Body(app.Code().Class("param-"+n).Text(a.Params[n]), app.Span().Class("note").Text(paramNote(n, a.Params[n]))),
				)
			}))
		}),
	)
}

// challengeParams returns a challenge's auth-params, or none.
func challengeParams(value string) map[string]string {
	if a, err := basic.ParseAuthorization(value); err == nil && a.Params != nil {
		return a.Params
	}
	return map[string]string{}
}

func schemeNote(scheme string) string {
	switch strings.ToLower(scheme) {
	case "basic":
		return "send a user-id and password, base64-encoded (RFC 7617)."
	case "bearer":
		return "send a token in Authorization: Bearer (RFC 6750)."
	case "apikey":
		return "a scheme of this server's own: send the key in the header named below."
	}
	return "the scheme the server asks for."
}

// paramNote explains an auth-param, and RFC 6750 §3.1's error codes.
func paramNote(name, value string) string {
	switch name {
	case "realm":
		return " the protection space: credentials for one realm are not meant for another."
	case "charset":
		return " the server reads the user-id and password as UTF-8 (RFC 7617 §2.1)."
	case "error":
		switch value {
		case "invalid_request":
			return " the request is malformed: answered 400 (RFC 6750 §3.1)."
		case "invalid_token":
			return " the token is expired, revoked, malformed or not for this server: answered 401; get a new one (RFC 6750 §3.1)."
		case "insufficient_scope":
			return " the token lacks a scope this resource needs: answered 403 (RFC 6750 §3.1)."
		}
	case "error_description":
		return " for the developer, not the end user."
	case "header":
		return " where this server looks for the key."
	}
	return ""
}
