package ui

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/authlab/authlab/app/ui/widget"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/basic"
	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/ui/input"
)

// basicTool encodes and decodes HTTP Basic credentials (RFC 7617) as the
// learner types, and tries them on the demo server's httpbin-style
// /basic-auth endpoint on request.
type basicTool struct {
	app.Compo
	user, pass, paste, target string
	tries                     []*exchange
	busy                      bool
}

func (t *basicTool) OnInit() {
	// The example of RFC 7617 §2.
	t.user, t.pass = "Aladdin", "open sesame"
}

func (t *basicTool) Render() app.UI {
	return app.Div().Class("tool basic-tool").Body(
		app.Div().Class("workbench").Body(
			app.Section().Class("pane").Aria("labelledby", "basic-encode-title").Body(
				app.H2().ID("basic-encode-title").Text("Encode"),
				app.Label().For("basic-user").Text("User-id"),
				app.Input().ID("basic-user").Type("text").AutoComplete(false).Spellcheck(false).Value(t.user).
					OnInput(func(ctx app.Context, e app.Event) { t.user = inputValue(ctx) }),
				app.Label().For("basic-pass").Text("Password"),
				app.Input().ID("basic-pass").Type("text").AutoComplete(false).Spellcheck(false).Value(t.pass).
					OnInput(func(ctx app.Context, e app.Event) { t.pass = inputValue(ctx) }),
				t.encoded(),
			),
			app.Section().Class("pane").Aria("labelledby", "basic-decode-title").Body(
				app.H2().ID("basic-decode-title").Text("Decode"),
				app.Label().For("basic-paste").Text("A header, an Authorization line, a curl command or a URL"),
				app.Textarea().ID("basic-paste").Class("token-input short").Spellcheck(false).
					Placeholder("Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==").Text(t.paste).
					OnInput(func(ctx app.Context, e app.Event) { t.paste = inputValue(ctx) }),
				t.decoded(),
			),
		),
		t.where(),
		t.tryIt(),
	)
}

// encoded shows the header for the typed user-id and password.
func (t *basicTool) encoded() app.UI {
	header, err := basic.Header(t.user, t.pass)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, basic.ErrColonInUser) {
			msg = "A user-id cannot contain a colon: the server splits user-id and password at the first colon (RFC 7617 §2). A password may contain colons."
		}
		return app.P().ID("basic-encode-error").Class("problems").Role("alert").Text(msg)
	}
	joined := t.user + ":" + t.pass
	return app.Div().Aria("live", "polite").Body(
		app.Output().ID("basic-header").Class("encoded").Text("Authorization: "+header),
		&widget.CopyButton{ID: "basic-header-copy", Text: "Authorization: " + header, Label: "Copy header"},
		app.P().Class("hint").Text(fmt.Sprintf("The base64 (RFC 4648 §4) of %q: %d characters, %d bytes of UTF-8 (RFC 7617 §2.1, charset=\"UTF-8\").",
			joined, utf8.RuneCountInString(joined), len(joined))),
		controlWarning("basic-encode-warning", joined),
		app.P().Class("note").Text("Base64 is an encoding, not encryption: whoever sees this header has the password. Send it over HTTPS only."),
	)
}

// controlWarning flags control characters, which RFC 7617 §2 lets servers
// refuse.
func controlWarning(id, s string) app.UI {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return app.P().ID(id).Class("warn").Text(fmt.Sprintf("Contains the control character %U: RFC 7617 §2 allows servers to refuse it, and many do.", r))
		}
	}
	return nil
}

// decoded shows what readPasted found in the pasted text.
func (t *basicTool) decoded() app.UI {
	if strings.TrimSpace(t.paste) == "" {
		return app.P().Class("hint").Text("The user-id and password appear here as you paste.")
	}
	p, err := readPasted(t.paste)
	if err != nil {
		return app.P().ID("basic-decode-error").Class("problems").Role("alert").Text(decodeMessage(err))
	}
	return app.Div().Aria("live", "polite").Body(
		app.Dl().Class("decoded").Body(
			app.Dt().Text("User-id"), app.Dd().Body(app.Code().ID("basic-decoded-user").Text(p.Creds.User)),
			app.Dt().Text("Password"), app.Dd().Body(app.Code().ID("basic-decoded-pass").Text(p.Creds.Password)),
			app.Dt().Text("Read from"), app.Dd().Text(p.From),
		),
		app.Range(p.Creds.Warnings).Slice(func(i int) app.UI {
			return app.P().ID("basic-decode-warning").Class("warn").Text(p.Creds.Warnings[i].Error() + ": RFC 7617 §2 allows servers to refuse it.")
		}),
	)
}

func decodeMessage(err error) string {
	switch {
	case errors.Is(err, basic.ErrNoColon):
		return "Decoded, but there is no colon: Basic credentials are user-id:password (RFC 7617 §2)."
	case errors.Is(err, basic.ErrUTF8):
		return "The decoded bytes are not UTF-8, the charset RFC 7617 §2.1 names."
	}
	return err.Error()
}

// demoTarget is the demo server's httpbin-style endpoint that expects the
// typed credentials.
func (t *basicTool) demoTarget() string {
	return apiURL("/basic-auth/" + url.PathEscape(t.user) + "/" + url.PathEscape(t.pass))
}

// where warns about sending the header over plain http.
func (t *basicTool) where() app.UI {
	target := t.target
	if target == "" {
		target = t.demoTarget()
	}
	return app.Section().Class("pane").Aria("labelledby", "basic-where-title").Body(
		app.H2().ID("basic-where-title").Text("Where it goes"),
		app.Label().For("basic-target").Text("The URL the header is sent to"),
		app.Input().ID("basic-target").Type("url").Spellcheck(false).Placeholder(t.demoTarget()).Value(t.target).
			OnInput(func(ctx app.Context, e app.Event) { t.target = inputValue(ctx) }),
		transportNote(target),
	)
}

// transportNote warns when credentials would cross the network in clear.
func transportNote(target string) app.UI {
	u, err := url.Parse(target)
	if err != nil || u.Host == "" {
		return app.P().Class("hint").Text("Enter an absolute URL to check it.")
	}
	switch {
	case u.Scheme == "https":
		return app.P().ID("basic-https-ok").Class("ok").Text("HTTPS: the header is encrypted on the way.")
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return app.P().ID("basic-http-warning").Class("warn").Role("alert").Text("Plain http://: the password crosses the connection in clear. Here the server is on this machine (loopback), so nobody else is on the path; anywhere else, use https://.")
	case u.Scheme == "http":
		return app.P().ID("basic-http-warning").Class("problems").Role("alert").Text("Plain http://: anyone on the network path can read the header and the password in it. Use https://.")
	}
	return app.P().Class("hint").Text("Basic credentials are for http and https URLs.")
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// tryIt sends the request twice, as a browser does: first without
// credentials, which earns the challenge, then with them.
func (t *basicTool) tryIt() app.UI {
	_, err := basic.Encode(t.user, t.pass)
	ready := err == nil && t.user != "" && t.pass != ""
	return app.Section().Class("pane").Aria("labelledby", "basic-try-title").Body(
		app.H2().ID("basic-try-title").Text("Try it on the demo server"),
		app.P().Class("hint").Body(
			app.Text("Sends "), app.Code().Text("GET /basic-auth/{user}/{password}"),
			app.Text(" twice: without credentials, to read the challenge, then with the header above. The endpoint accepts exactly the credentials in its path."),
		),
		input.DisabledIf(app.Button().ID("basic-try").Type("button"), !ready || t.busy).Text("Send both requests").OnClick(t.onTry),
		app.If(!ready, func() app.UI {
			return app.P().Class("hint").Text("Enter a user-id without a colon and a password first.")
		}),
		app.If(len(t.tries) > 0, func() app.UI {
			return &exchangeView{ID: "basic-try-1", Title: "1. Without credentials", X: t.tries[0]}
		}),
		app.If(len(t.tries) > 1, func() app.UI {
			return &exchangeView{ID: "basic-try-2", Title: "2. With the Authorization header", X: t.tries[1]}
		}),
	)
}

func (t *basicTool) onTry(ctx app.Context, e app.Event) {
	header, err := basic.Header(t.user, t.pass)
	if err != nil {
		return
	}
	target := t.demoTarget()
	t.busy, t.tries = true, nil
	send(ctx, httpmsg.Request{URL: target}, false, func(ctx app.Context, first *exchange) {
		t.tries = []*exchange{first}
		req := httpmsg.Request{URL: target, Header: []httpmsg.Field{{Name: "Authorization", Value: header}}}
		send(ctx, req, false, func(ctx app.Context, second *exchange) {
			t.tries = append(t.tries, second)
			t.busy = false
		})
	})
}
