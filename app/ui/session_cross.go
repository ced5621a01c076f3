package ui

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// crossSite is the session page's request from another site: a frame with
// an origin of its own posts a form to the logout endpoint, as a page on
// another site could, and the server's refusal is shown in this page.
type crossSite struct {
	open bool
	// loaded is set once the other site's page has loaded in the frame.
	// The frame's sandbox then gains allow-same-origin, which the browser
	// applies from the frame's next document on: the other site's page
	// keeps the opaque origin it was created with, so its form still posts
	// with Origin: null, and the server's answer, a document of the demo
	// server's origin, becomes readable here.
	loaded bool
	answer *crossAnswer
}

// crossAnswer is the server's answer to the frame's form, as this page
// read it from the frame.
type crossAnswer struct {
	Status int    // 0 when the browser does not tell it
	Body   string // the JSON error, as sent
	Err    errorFields
	// Unreadable is set when the answer came from another origin, which
	// this page cannot read.
	Unreadable bool
}

// errorFields are the RFC 6749 §5.2 fields of the server's JSON errors.
type errorFields struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// onFrameLoad sees each document the frame loads: first the other site's
// page, then the server's answer to its form.
func (c *crossSite) onFrameLoad(ctx app.Context, e app.Event) {
	frame := ctx.JSSrc()
	doc := frame.Get("contentDocument")
	readable := doc.Truthy() && doc.Get("body").Truthy()
	if !c.loaded {
		c.loaded = true
		if !readable {
			return // the other site's page, with its opaque origin
		}
	}
	if !readable {
		c.answer = &crossAnswer{Unreadable: true}
		return
	}
	a := &crossAnswer{}
	text := doc.Get("body").Get("textContent")
	if pre := doc.Call("querySelector", "pre"); pre.Truthy() {
		text = pre.Get("textContent") // the browser's JSON viewer adds its own text beside it
	}
	a.Body = text.String()
	json.Unmarshal([]byte(a.Body), &a.Err)
	if nav := frame.Get("contentWindow").Get("performance").Call("getEntriesByType", "navigation"); nav.Length() > 0 {
		if st := nav.Index(0).Get("responseStatus"); st.Type() == app.TypeNumber {
			a.Status = st.Int()
		}
	}
	c.answer = a
}

func (c *crossSite) render() app.UI {
	sandbox := "allow-forms"
	if c.loaded {
		sandbox += " allow-same-origin"
	}
	return app.Section().Class("pane").Aria("labelledby", "session-cross-title").Body(
		app.H2().ID("session-cross-title").Text("4. A request from another site"),
		app.P().Class("hint").Text("Any site you visit can make your browser post a form to the demo server. The frame below is sandboxed without allow-same-origin, so its page has an origin of its own, as a page on another site has. Its button posts to /session/logout."),
		app.If(!c.open, func() app.UI {
			return app.Button().ID("session-cross-open").Type("button").Class("secondary").Text("Show the other site's page").
				OnClick(func(ctx app.Context, e app.Event) { c.open = true })
		}).Else(func() app.UI {
			return app.Div().Body(
				app.IFrame().ID("session-cross-frame").Title("A page from another origin").Sandbox(sandbox).
					SrcDoc(crossSitePage(apiURL("/session/logout"))).OnLoad(c.onFrameLoad),
				app.P().Class("hint").Text("Press its button: the server answers 403, because the request's Origin is not the demo server's own (the frame's origin serializes as null). The browser would not have sent the SameSite=Lax cookie either. Then ask who you are: the session survived. "+
					"Once the other site's page has loaded, this page lets the frame's next document, the server's answer, share the demo server's origin, so that it can show that answer below; the other site's page keeps its own."),
			)
		}),
		app.Div().ID("session-cross-result").Class("cross-result").Role("status").Aria("live", "polite").Body(
			app.If(c.answer != nil, func() app.UI { return c.answer.render() }),
		),
	)
}

func (a *crossAnswer) render() app.UI {
	if a.Unreadable {
		return app.P().Class("hint").Text("The server answered the other site's form, in the frame; this page cannot read that answer, because the demo server is on another origin.")
	}
	head := "The other site's POST /session/logout was answered"
	if a.Status != 0 {
		head = fmt.Sprintf("The other site's POST /session/logout → %d %s", a.Status, http.StatusText(a.Status))
	}
	return app.Div().Body(
		app.P().Body(app.Strong().Text(head)),
		app.If(a.Err.Error != "", func() app.UI {
			return app.P().Body(app.Text("error: "), app.Code().Text(a.Err.Error), app.Text(" — error_description: "), app.Q().Text(a.Err.Description))
		}),
		app.Pre().Class("http-res status-refused").Text(a.Body),
		app.P().Class("hint").Text("The server compared the request's Origin header with its own origin: a form on another site cannot hide where it comes from, so the state-changing request is refused before the cookie is even looked at."),
	)
}

// crossSitePage is the frame's document.
func crossSitePage(action string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>` +
		`<body><p>A page from another origin.</p><form method="post" action="` + html.EscapeString(action) + `">` +
		`<button type="submit" id="cross-submit">Log the visitor out</button></form></body></html>`
}
