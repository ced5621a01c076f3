package ui

import (
	"crypto/rand"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// ownAPIProbes makes every attack that applies to the reader's own token,
// each with the curl command that sends it to their API and the answer a
// correct API gives. The page sends none of them.
type ownAPIProbes struct {
	app.Compo
	token, key, url string
	probes          []attack.Probe
	problem         string
}

func (p *ownAPIProbes) onMake(ctx app.Context, e app.Event) {
	p.probes, p.problem = nil, ""
	probes, err := attack.ForAPI(jot.Clean(p.token), p.key, p.url, rand.Reader, time.Now())
	if err != nil {
		p.problem = err.Error()
		return
	}
	p.probes = probes
}

func (p *ownAPIProbes) field(id, label, placeholder string, dst *string, area bool) app.UI {
	set := func(ctx app.Context, e app.Event) { *dst = input.Value(ctx); p.probes = nil }
	var control app.UI = app.Input().ID(id).Type("url").Spellcheck(false).Placeholder(placeholder).Value(*dst).OnInput(set)
	if area {
		control = app.Textarea().ID(id).Class("token-input short").Spellcheck(false).Placeholder(placeholder).Text(*dst).OnInput(set)
	}
	return app.Div().Body(app.Label().For(id).Text(label), control)
}

func (p *ownAPIProbes) Render() app.UI {
	return app.Section().ID("own-api").Class("pane").Aria("labelledby", "own-api-title").Body(
		app.H2().ID("own-api-title").Text("Test your own API"),
		app.P().Class("hint").Text("Paste a token your API accepts and, for key confusion, its public key. Every attack above that applies is built from it, each with a curl command to run against your API. This page sends nothing: run them yourself, against an API you are allowed to test."),
		p.field("own-token", "Your token", "eyJhbGciOi…", &p.token, true),
		p.field("own-key", "Its public key (PEM, JWK or JWK Set), optional", "-----BEGIN PUBLIC KEY-----", &p.key, true),
		p.field("own-url", "Your API's URL", "https://api.example.com/me", &p.url, false),
		input.DisabledIf(app.Button().ID("own-make").Type("button").Text("Make the probes"), p.token == "" || p.url == "").OnClick(p.onMake),
		app.If(p.problem != "", func() app.UI { return app.P().Class("problems").Role("alert").Text(p.problem) }),
		app.Range(p.probes).Slice(func(i int) app.UI {
			pr := p.probes[i]
			id := fmt.Sprintf("probe-%d", i)
			return app.Div().ID(id).Class("probe").DataSet("attack", pr.Name).Body(
				app.H3().Text(pr.Name+": "+pr.Label),
				app.P().Class("hint").Text(pr.How),
				app.Pre().Body(app.Code().Text(pr.Curl)),
				&widget.CopyButton{ID: id + "-copy", Text: pr.Curl, Label: "Copy the command"},
				app.P().Body(app.Strong().Text("A correct API answers: "), app.Text(pr.Expect)),
			)
		}),
	)
}
