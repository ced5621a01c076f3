package ui

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/authlab/authlab/app/ui/widget"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// apiKey is a key as GET /api/keys lists it: never the secret.
type apiKey struct {
	ID         string `json:"id"`
	Prefix     string `json:"prefix"`
	Name       string `json:"name"`
	DailyQuota int    `json:"daily_quota"`
	UseCount   int    `json:"use_count"`
	LastUsedAt *int64 `json:"last_used_at"`
	Revoked    bool   `json:"revoked"`
}

// quota is what the RateLimit headers of the last answer said
// (draft-ietf-httpapi-ratelimit-headers), and Retry-After on a 429
// (RFC 9110 §10.2.3).
type quota struct {
	Limit, Remaining, Reset int
	RetryAfter              string
	Known, Over             bool
}

func readQuota(x *exchange) quota {
	var q quota
	var err1, err2, err3 error
	q.Limit, err1 = strconv.Atoi(x.header("RateLimit-Limit"))
	q.Remaining, err2 = strconv.Atoi(x.header("RateLimit-Remaining"))
	q.Reset, err3 = strconv.Atoi(x.header("RateLimit-Reset"))
	q.Known = err1 == nil && err2 == nil && err3 == nil
	q.RetryAfter = x.header("Retry-After")
	q.Over = x.Status == 429
	return q
}

// apikeyTool logs in, creates an API key, sends it in the header or the
// query, shows the quota counting down to 429, and lists and revokes keys.
type apikeyTool struct {
	app.Compo
	name     string
	quota    string
	created  *exchange
	plainKey string
	sends    []*exchange // newest first
	q        quota
	list     *exchange
	keys     []apiKey
	revoke   *exchange
	busy     bool
	paste    string
}

func (t *apikeyTool) OnInit() { t.name, t.quota = "demo key", "5" }

// key is the key the send buttons use: the one just created, or a pasted one.
func (t *apikeyTool) key() string {
	if t.paste != "" {
		return t.paste
	}
	return t.plainKey
}

func (t *apikeyTool) bearer() []httpmsg.Field {
	return []httpmsg.Field{{Name: "Authorization", Value: "Bearer " + account.Access}}
}

func (t *apikeyTool) onCreate(ctx app.Context, e app.Event) {
	e.PreventDefault()
	n, err := strconv.Atoi(t.quota)
	if err != nil || n < 1 {
		n = 5
	}
	body, _ := json.Marshal(map[string]any{"name": t.name, "daily_quota": n})
	t.busy = true
	send(ctx, jsonPost("/api/keys", string(body), t.bearer()...), false, func(ctx app.Context, x *exchange) {
		t.busy, t.created = false, x
		var k struct {
			Key string `json:"key"`
		}
		if x.Status == 201 && json.Unmarshal([]byte(x.Body), &k) == nil {
			t.plainKey, t.paste, t.sends, t.q = k.Key, "", nil, quota{}
			t.listKeys(ctx)
		}
	})
}

func (t *apikeyTool) sendKey(inQuery bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		req := httpmsg.Request{URL: apiURL("/api/data"), Header: []httpmsg.Field{{Name: "X-API-Key", Value: t.key()}}}
		if inQuery {
			req = httpmsg.Request{URL: apiURL("/api/data?api_key=" + url.QueryEscape(t.key()))}
		}
		t.busy = true
		send(ctx, req, false, func(ctx app.Context, x *exchange) {
			t.busy = false
			t.sends = append([]*exchange{x}, t.sends...)
			if len(t.sends) > 10 {
				t.sends = t.sends[:10]
			}
			if q := readQuota(x); q.Known {
				t.q = q
			} else if x.Status == 401 {
				t.q = quota{}
			}
		})
	}
}

func (t *apikeyTool) onList(ctx app.Context, e app.Event) { t.listKeys(ctx) }

func (t *apikeyTool) listKeys(ctx app.Context) {
	send(ctx, httpmsg.Request{URL: apiURL("/api/keys"), Header: t.bearer()}, false, func(ctx app.Context, x *exchange) {
		t.list = x
		var body struct {
			Keys []apiKey `json:"keys"`
		}
		if x.Status == 200 && json.Unmarshal([]byte(x.Body), &body) == nil {
			t.keys = body.Keys
		}
	})
}

func (t *apikeyTool) onRevoke(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		req := httpmsg.Request{Method: "DELETE", URL: apiURL("/api/keys/" + url.PathEscape(id)), Header: t.bearer()}
		send(ctx, req, false, func(ctx app.Context, x *exchange) {
			t.revoke = x
			t.listKeys(ctx)
		})
	}
}

func (t *apikeyTool) Render() app.UI {
	return app.Div().Class("tool apikey-tool").Body(
		app.Section().Class("pane").Aria("labelledby", "apikey-login-title").Body(
			app.H2().ID("apikey-login-title").Text("1. Log in"),
			app.P().Class("hint").Text("Keys belong to an account. The key endpoints take the Bearer token that logging in returns."),
			&loginForm{ID: "apikey-login", OnLogin: func(ctx app.Context) { t.listKeys(ctx) }},
		),
		app.Section().Class("pane").Aria("labelledby", "apikey-create-title").Body(
			app.H2().ID("apikey-create-title").Text("2. Create a key"),
			app.Form().Class("fields").OnSubmit(t.onCreate).Body(
				app.Div().Body(
					app.Label().For("apikey-name").Text("Name"),
					app.Input().ID("apikey-name").Type("text").Value(t.name).
						OnInput(func(ctx app.Context, e app.Event) { t.name = inputValue(ctx) }),
				),
				app.Div().Body(
					app.Label().For("apikey-quota").Text("Requests a day"),
					app.Input().ID("apikey-quota").Type("number").Min(1).Max(100000).Value(t.quota).
						OnInput(func(ctx app.Context, e app.Event) { t.quota = inputValue(ctx) }),
				),
				input.DisabledIf(app.Button().ID("apikey-create").Type("submit"), !loggedIn() || t.busy).Text("Create key"),
			),
			app.If(!loggedIn(), func() app.UI { return app.P().Class("hint").Text("Log in first.") }),
			t.renderCreated(),
		),
		t.renderSend(),
		t.renderList(),
	)
}

func (t *apikeyTool) renderCreated() app.UI {
	if t.created == nil {
		return nil
	}
	if t.created.Status != 201 {
		return &exchangeView{ID: "apikey-created", Title: "POST /api/keys", X: t.created}
	}
	return app.Div().Body(
		app.Div().Class("secret-once").Role("status").Body(
			app.P().Body(app.Strong().Text("Your new key, shown this once: ")),
			app.Output().ID("apikey-secret").Class("encoded").Text(t.plainKey),
			&widget.CopyButton{ID: "apikey-secret-copy", Text: t.plainKey, Label: "Copy key"},
			app.P().Class("hint").Text("The server stored only a SHA-256 hash of it, and lists it by its prefix from now on. This page keeps it in memory until you leave."),
		),
		&exchangeView{ID: "apikey-created", Title: "POST /api/keys", X: t.created},
	)
}

func (t *apikeyTool) renderSend() app.UI {
	ready := t.key() != "" && !t.busy
	return app.Section().Class("pane").Aria("labelledby", "apikey-send-title").Body(
		app.H2().ID("apikey-send-title").Text("3. Send it"),
		app.Label().For("apikey-paste").Text("Key to send (the one just created, or paste another)"),
		app.Input().ID("apikey-paste").Type("text").Spellcheck(false).AutoComplete(false).Placeholder(t.plainKey).Value(t.paste).
			OnInput(func(ctx app.Context, e app.Event) { t.paste = inputValue(ctx) }),
		app.Div().Class("buttons").Body(
			input.DisabledIf(app.Button().ID("apikey-send-header").Type("button"), !ready).Text("Send in X-API-Key").OnClick(t.sendKey(false)),
			input.DisabledIf(app.Button().ID("apikey-send-query").Type("button").Class("secondary"), !ready).Text("Send in ?api_key=").OnClick(t.sendKey(true)),
		),
		app.Div().Class("note").Body(
			app.Strong().Text("Why the header: "),
			app.Text("a URL is written down everywhere a request passes. A key in ?api_key= lands in server and proxy access logs, in the browser's history, in bookmarks and shared links, and in the Referer header sent to other sites. A header is none of these. The demo server answers a query key, but adds a Warning header saying so."),
		),
		t.renderQuota(),
		app.If(len(t.sends) > 0, func() app.UI {
			return &exchangeView{ID: "apikey-send-0", Title: fmt.Sprintf("Latest: GET /api/data → %d", t.sends[0].Status), X: t.sends[0]}
		}),
		app.If(len(t.sends) > 1, func() app.UI { return t.renderHistory() }),
	)
}

// renderHistory lists the requests sent so far, newest first.
func (t *apikeyTool) renderHistory() app.UI {
	return app.Div().Class("table-wrap").Body(app.Table().ID("apikey-history").Body(
		app.Caption().Text("Requests sent with this key, newest first"),
		app.THead().Body(app.Tr().Body(app.Th().Text("Key sent in"), app.Th().Text("Status"), app.Th().Text("RateLimit-Remaining"), app.Th().Text("Retry-After"))),
		app.TBody().Body(app.Range(t.sends).Slice(func(i int) app.UI {
			x := t.sends[i]
			where := "X-API-Key header"
			if len(x.Req.Header) == 0 {
				where = "?api_key= query"
			}
			return app.Tr().Body(app.Td().Text(where), app.Td().Text(strconv.Itoa(x.Status)),
				app.Td().Text(x.header("RateLimit-Remaining")), app.Td().Text(x.header("Retry-After")))
		})),
	))
}

func (t *apikeyTool) renderQuota() app.UI {
	q := t.q
	if !q.Known {
		return app.P().ID("quota").Class("hint").Text("The quota headers appear after the first request.")
	}
	reset := (time.Duration(q.Reset) * time.Second).String()
	return app.Div().ID("quota").Class("quota").Aria("live", "polite").Body(
		app.Label().For("quota-meter").Text("Requests left today"),
		app.Meter().ID("quota-meter").Min(0).Max(q.Limit).Low(float64(max(q.Limit/5, 1))).Optimum(float64(q.Limit)).Value(q.Remaining),
		app.P().ID("quota-text").Text(fmt.Sprintf("%d of %d left (RateLimit-Remaining, RateLimit-Limit); the count resets in %s (RateLimit-Reset, at 00:00 UTC).", q.Remaining, q.Limit, reset)),
		app.If(q.Over, func() app.UI {
			return app.P().ID("quota-over").Class("problems").Role("alert").Text(
				fmt.Sprintf("429 Too Many Requests: the quota is used up. Retry-After: %s seconds. A well-behaved client waits that long instead of retrying at once.", q.RetryAfter))
		}),
	)
}

func (t *apikeyTool) renderList() app.UI {
	return app.Section().Class("pane").Aria("labelledby", "apikey-list-title").Body(
		app.H2().ID("apikey-list-title").Text("4. List and revoke"),
		input.DisabledIf(app.Button().ID("apikey-list").Type("button").Class("secondary"), !loggedIn()).Text("List my keys").OnClick(t.onList),
		app.If(len(t.keys) > 0, func() app.UI {
			return app.Div().Class("table-wrap").Body(app.Table().ID("apikey-table").Body(
				app.THead().Body(app.Tr().Body(
					app.Th().Text("Prefix"), app.Th().Text("Name"), app.Th().Text("Quota"),
					app.Th().Text("Used"), app.Th().Text("State"), app.Th().Body(app.Span().Class("visually-hidden").Text("Action")),
				)),
				app.TBody().Body(app.Range(t.keys).Slice(func(i int) app.UI {
					k := t.keys[i]
					state := "active"
					if k.Revoked {
						state = "revoked"
					}
					return app.Tr().DataSet("prefix", k.Prefix).Body(
						app.Td().Body(app.Code().Text(k.Prefix)), app.Td().Text(k.Name),
						app.Td().Text(strconv.Itoa(k.DailyQuota)), app.Td().Text(strconv.Itoa(k.UseCount)),
						app.Td().Class("state").Text(state),
						app.Td().Body(app.If(!k.Revoked, func() app.UI {
							return app.Button().ID("revoke-"+k.ID).Type("button").Class("secondary small").
								Aria("label", "Revoke "+k.Prefix).Text("Revoke").OnClick(t.onRevoke(k.ID))
						})),
					)
				})),
			))
		}),
		app.If(t.list != nil, func() app.UI { return &exchangeView{ID: "apikey-list-x", Title: "GET /api/keys", X: t.list} }),
		app.If(t.revoke != nil, func() app.UI {
			return &exchangeView{ID: "apikey-revoke-x", Title: "DELETE /api/keys/{id}", X: t.revoke}
		}),
	)
}
