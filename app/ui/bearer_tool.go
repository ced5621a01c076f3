package ui

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/ui/input"
)

// bearerResult is one variant sent.
type bearerResult struct {
	Variant string
	Note    string
	X       *exchange
}

// bearerTool sends a token to /api/protected as RFC 6750 §2.1 says, and in
// each of the ways it fails, and shows the WWW-Authenticate answers.
type bearerTool struct {
	app.Compo
	token   string
	results []*bearerResult // newest first
	problem string
	busy    bool
	now     time.Time
	stop    chan struct{}
	// demo holds POST /api/demo-tokens' answer for the token demoFor.
	demo    map[string]string
	demoFor string
}

func (t *bearerTool) OnMount(ctx app.Context) {
	if t.token == "" {
		t.token = account.Access
	}
	t.now = time.Now()
	// The expired variant depends on the clock: refresh its note now and then.
	t.stop = make(chan struct{})
	stop := t.stop
	ctx.Async(func() {
		tick := time.NewTicker(15 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				ctx.Dispatch(func(ctx app.Context) { t.now = time.Now() })
			}
		}
	})
}

func (t *bearerTool) OnDismount() { close(t.stop) }

func (t *bearerTool) onLogin(ctx app.Context) { t.token = account.Access }

func (t *bearerTool) send(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v := variantByID(id)
		tok := jot.Clean(t.token)
		if v.Demo != "" {
			t.sendDemo(ctx, v, tok)
			return
		}
		header, note, err := v.Craft(tok, time.Now())
		if err != nil {
			t.problem = "Cannot build the " + v.Label + " variant: " + err.Error()
			return
		}
		t.sendHeader(ctx, id, header, note)
	}
}

// sendDemo asks the server, with the reader's token, for the demo token
// the variant names, and sends it.
func (t *bearerTool) sendDemo(ctx app.Context, v variant, tok string) {
	if t.demoFor == tok && t.demo[v.Demo] != "" {
		t.sendHeader(ctx, v.ID, "Bearer "+t.demo[v.Demo], v.DemoNote)
		return
	}
	t.busy = true
	req := httpmsg.Request{Method: "POST", URL: apiURL("/api/demo-tokens"), Header: []httpmsg.Field{{Name: "Authorization", Value: "Bearer " + tok}}}
	send(ctx, req, false, func(ctx app.Context, x *exchange) {
		t.busy = false
		demo := map[string]string{}
		if x.Err != nil || x.Status != 200 || x.json(&demo) != nil || demo[v.Demo] == "" {
			t.problem = fmt.Sprintf("The server gave no %s token for this one (POST /api/demo-tokens answered %d): send a valid token of the server first. %s", v.Label, x.Status, x.problem())
			return
		}
		t.demo, t.demoFor = demo, tok
		t.sendHeader(ctx, v.ID, "Bearer "+demo[v.Demo], v.DemoNote)
	})
}

// sendHeader sends one variant's Authorization header to /api/protected.
func (t *bearerTool) sendHeader(ctx app.Context, id, header, note string) {
	t.problem = ""
	req := httpmsg.Request{URL: apiURL("/api/protected")}
	if header != "" {
		req.Header = []httpmsg.Field{{Name: "Authorization", Value: header}}
	}
	t.busy = true
	send(ctx, req, false, func(ctx app.Context, x *exchange) {
		t.busy = false
		t.results = append([]*bearerResult{{Variant: id, Note: note, X: x}}, t.results...)
		if len(t.results) > 6 {
			t.results = t.results[:6]
		}
	})
}

// expiry describes when the reader's own token expires.
func (t *bearerTool) expiry() string {
	_, claims, err := tokenClaims(jot.Clean(t.token))
	if err != nil {
		return ""
	}
	exp, ok, _ := jot.NumericDate(claims, "exp")
	if !ok || t.now.IsZero() {
		return ""
	}
	if t.now.After(exp.Add(leeway)) {
		return "Your token has expired: Valid now gets the answer Expired shows. Log in again for a fresh one."
	}
	return fmt.Sprintf("Your token expires at %s (in %s); then Valid gets the answer Expired shows.",
		exp.Local().Format("15:04:05"), exp.Sub(t.now).Round(time.Second))
}

func (t *bearerTool) Render() app.UI {
	hasToken := jot.Clean(t.token) != ""
	return app.Div().Class("tool bearer-tool").Body(
		app.Section().Class("pane").Aria("labelledby", "bearer-token-title").Body(
			app.H2().ID("bearer-token-title").Text("1. A token"),
			app.P().Class("hint").Text("Log in to get an access token from the demo server, or paste one."),
			&loginForm{ID: "bearer-login", OnLogin: t.onLogin},
			app.Label().For("bearer-token").Text("Access token"),
			app.Textarea().ID("bearer-token").Class("token-input short").Spellcheck(false).
				Placeholder("eyJhbGciOi… — a leading “Bearer ” is fine").Text(t.token).
				OnInput(func(ctx app.Context, e app.Event) { t.token = inputValue(ctx) }),
		),
		app.Section().Class("pane").Aria("labelledby", "bearer-send-title").Body(
			app.H2().ID("bearer-send-title").Text("2. Send it to /api/protected"),
			app.Div().Class("buttons").Role("group").Aria("label", "Variants").Body(
				app.Range(variants).Slice(func(i int) app.UI {
					v := variants[i]
					b := input.DisabledIf(app.Button().ID("bearer-"+v.ID).Type("button").Text(v.Label),
						t.busy || (!hasToken && v.ID != "missing")).OnClick(t.send(v.ID))
					if v.ID != "valid" {
						b = b.Class("secondary")
					}
					return b
				}),
			),
			app.If(!hasToken, func() app.UI { return app.P().Class("hint").Text("Without a token, only Missing can be sent.") }),
			app.If(t.expiry() != "", func() app.UI { return app.P().ID("bearer-expiry").Class("hint").Text(t.expiry()) }),
			app.If(t.problem != "", func() app.UI { return app.P().Class("problems").Role("alert").Text(t.problem) }),
			app.If(len(t.results) > 1, func() app.UI { return t.summary() }),
			app.Range(t.results).Slice(func(i int) app.UI {
				r := t.results[i]
				v := variantByID(r.Variant)
				return app.Div().Class("variant").DataSet("variant", r.Variant).Body(
					&exchangeView{ID: fmt.Sprintf("bearer-result-%d", i), Title: fmt.Sprintf("%s → %d", v.Label, r.X.Status), X: r.X},
					app.P().Class("hint").Body(app.Strong().Text("What was sent: "), app.Text(r.Note)),
					app.P().Class("hint").Body(app.Strong().Text("RFC 6750 expects: "), app.Text(v.Expect)),
				)
			}),
		),
	)
}

// summary sets the answers side by side, newest first.
func (t *bearerTool) summary() app.UI {
	return app.Div().Class("table-wrap").Body(app.Table().ID("bearer-summary").Body(
		app.Caption().Text("The answers so far, newest first"),
		app.THead().Body(app.Tr().Body(app.Th().Text("Sent"), app.Th().Text("Status"), app.Th().Text("error"), app.Th().Text("error_description"))),
		app.TBody().Body(app.Range(t.results).Slice(func(i int) app.UI {
			r := t.results[i]
			params := challengeParams(r.X.header("WWW-Authenticate"))
			return app.Tr().Body(
				app.Td().Text(variantByID(r.Variant).Label), app.Td().Text(fmt.Sprint(r.X.Status)),
				app.Td().Body(app.Code().Text(params["error"])), app.Td().Text(params["error_description"]),
			)
		})),
	))
}
