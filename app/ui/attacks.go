package ui

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/attack"
	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/naivelab"
	"github.com/authlab/authlab/app/ui/input"
)

// attacksPage is the attack lab: each classic attack on JWT verifiers
// built in the page, thrown at a naive endpoint that makes that one
// mistake and at the strict /api/protected, side by side.
type attacksPage struct{ app.Compo }

func (p *attacksPage) Render() app.UI {
	return shell("/attacks",
		&pageHeading{Title: "JWT attack lab", Lead: "Build each classic attack on JWT verifiers here, throw it at a verifier that makes that one mistake on purpose and at the strict server, and read why one accepts and the other refuses. Then make the same attacks for your own API."},
		app.P().Class("warning").Role("note").Text("The /lab/naive/… endpoints are vulnerable on purpose: each answer says so in its Authlab-Deliberately-Vulnerable header. They use the lab's own keys and nothing they accept works on any other route. Never copy them."),
		&attackLab{},
		&ownAPIProbes{},
	)
}

// labData is what the lab publishes: its tokens and public keys.
type labData struct {
	Tokens map[string]string `json:"tokens"`
	Keys   map[string]string `json:"keys"`
}

// attackLab holds one panel per naive endpoint.
type attackLab struct {
	app.Compo
	lab     *labData
	problem string
	busy    bool
	panels  map[string]*attackRun
	crack   crackState
}

// attackRun is one panel's attack and the two answers to it.
type attackRun struct {
	attacks       []attack.Attack
	pick          int
	err           string
	naive, strict *exchange
	busy          bool
}

func (l *attackLab) onLoad(ctx app.Context, e app.Event) {
	l.busy, l.problem = true, ""
	data := &labData{}
	send(ctx, httpmsg.Request{URL: apiURL("/lab/tokens")}, false, func(ctx app.Context, x *exchange) {
		if x.Err != nil || x.Status != 200 || x.json(data) != nil {
			l.busy, l.problem = false, "The lab's tokens could not be read: "+x.problem()
			return
		}
		send(ctx, httpmsg.Request{URL: apiURL("/lab/keys")}, false, func(ctx app.Context, y *exchange) {
			l.busy = false
			if y.Err != nil || y.Status != 200 || y.json(data) != nil {
				l.problem = "The lab's keys could not be read: " + y.problem()
				return
			}
			l.lab, l.panels = data, map[string]*attackRun{}
			l.prepareCrack()
		})
	})
}

// build makes the attack tokens of one endpoint from the lab's tokens
// and keys.
func (l *attackLab) build(name string) ([]attack.Attack, error) {
	as, err := attack.ForLab(name, l.lab.Tokens, l.lab.Keys, l.crack.secret, rand.Reader, time.Now())
	if errors.Is(err, attack.ErrNotCracked) {
		return nil, errors.New("Crack the lab's weak-secret token first.")
	}
	return as, err
}

func (l *attackLab) onBuild(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		r := &attackRun{}
		as, err := l.build(name)
		if err != nil {
			r.err = err.Error()
		}
		r.attacks = as
		l.panels[name] = r
	}
}

func (l *attackLab) onPick(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		if r := l.panels[name]; r != nil {
			if i, err := strconv.Atoi(input.Value(ctx)); err == nil && i >= 0 && i < len(r.attacks) {
				r.pick = i
			}
			r.naive, r.strict = nil, nil
		}
	}
}

// onSend sends the picked token to the naive endpoint and to the strict
// /api/protected.
func (l *attackLab) onSend(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		r := l.panels[name]
		if r == nil || r.pick >= len(r.attacks) {
			return
		}
		bearer := []httpmsg.Field{{Name: "Authorization", Value: "Bearer " + r.attacks[r.pick].Token}}
		r.busy, r.naive, r.strict = true, nil, nil
		send(ctx, httpmsg.Request{URL: apiURL("/lab/naive/" + name), Header: bearer}, false, func(ctx app.Context, x *exchange) {
			r.naive = x
			send(ctx, httpmsg.Request{URL: apiURL("/api/protected"), Header: bearer}, false, func(ctx app.Context, y *exchange) {
				r.strict, r.busy = y, false
			})
		})
	}
}

func (l *attackLab) Render() app.UI {
	return app.Div().Class("tool attack-lab").Body(
		app.Section().Class("pane").Aria("labelledby", "lab-start-title").Body(
			app.H2().ID("lab-start-title").Text("1. The lab's tokens and keys"),
			app.P().Class("hint").Text("An attacker starts from what is public or leaked: the verifier's public keys and tokens it issued. This fetches the lab's."),
			app.Button().ID("lab-load").Type("button").Text("Get the lab's tokens and keys").OnClick(l.onLoad),
			app.If(l.problem != "", func() app.UI { return app.P().Class("problems").Role("alert").Text(l.problem) }),
			app.If(l.lab != nil, func() app.UI {
				return app.P().ID("lab-loaded").Class("hint").Aria("live", "polite").Text(fmt.Sprintf("%d tokens and %d keys loaded.", len(l.lab.Tokens), len(l.lab.Keys)))
			}),
		),
		app.Range(naivelab.Endpoints()).Slice(func(i int) app.UI { return l.panel(naivelab.Endpoints()[i]) }),
	)
}
