package ui

import (
	"crypto/rand"
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
		})
	})
}

// build makes the attack tokens of one endpoint from the lab's tokens
// and keys.
func (l *attackLab) build(name string) ([]attack.Attack, error) {
	t, k := l.lab.Tokens, l.lab.Keys
	one := func(a attack.Attack, err error) ([]attack.Attack, error) { return []attack.Attack{a}, err }
	switch name {
	case "none":
		return attack.AlgNone(t["access"])
	case "key-confusion":
		a, err := attack.KeyConfusion(t["access-rs256"], k["lab-rsa"])
		if err != nil {
			return nil, err
		}
		b, err := attack.KeyConfusion(t["access"], k["lab-ec"])
		return []attack.Attack{a, b}, err
	case "kid-traversal":
		return one(attack.KidTraversal(t["access"]))
	case "kid-sql":
		return one(attack.KidSQL(t["access"]))
	case "jku":
		a, err := attack.JKU(t["access"], rand.Reader)
		if err != nil {
			return nil, err
		}
		b, err := attack.X5U(t["access"], rand.Reader, time.Now())
		return []attack.Attack{a, b}, err
	case "jwk":
		return one(attack.EmbeddedJWK(t["access"], rand.Reader))
	case "weak-secret":
		if l.crack.secret == "" {
			return nil, fmt.Errorf("crack the lab's weak-secret token first")
		}
		return one(attack.Forge(t["weak-secret"], l.crack.secret))
	case "psychic":
		return one(attack.Psychic(t["access"]))
	case "claims":
		var out []attack.Attack
		for _, n := range []string{"expired", "not-yet-valid", "other-audience", "other-issuer"} {
			out = append(out, attack.Attack{Name: name, Label: n, Token: t[n], How: "A token the lab really issued, " + n + ": its signature is good, its claims are not."})
		}
		return out, nil
	case "substitution":
		return []attack.Attack{
			{Name: name, Label: "ID token", Token: t["id-token"], How: "An ID token the lab issued to a client, presented as an access token."},
			{Name: name, Label: "refresh token", Token: t["refresh"], How: "A refresh token the lab issued, presented as an access token."},
		}, nil
	case "decode-only":
		return one(attack.Tampered(t["access"]))
	}
	return nil, fmt.Errorf("no attack for %s", name)
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
