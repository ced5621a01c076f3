package ui

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/oauth"
)

// oauthAccount is a demo account for the consent page, made by this page
// and kept in its memory only.
type oauthAccount struct {
	Name, Password string
}

// oauthAccountMem is the demo account of this page's lifetime, shared by
// the walkthrough and the lab.
var oauthAccountMem *oauthAccount

// oauthCreateAccount registers a random demo account with POST
// /api/register. It blocks: run it in ctx.Async.
func oauthCreateAccount() (*oauthAccount, *oauthExchange) {
	b := make([]byte, 21)
	if _, err := rand.Read(b); err != nil {
		return nil, &oauthExchange{Req: &oauth.Request{Method: "POST", URL: apiURL("/api/register")}, Err: err}
	}
	enc := base64.RawURLEncoding.EncodeToString(b)
	a := &oauthAccount{Name: "learner-" + strings.ToLower(enc[:8]), Password: enc[8:]}
	body, _ := json.Marshal(map[string]string{"username": a.Name, "password": a.Password})
	x := oauthDo(&oauth.Request{Method: "POST", URL: apiURL("/api/register"), Header: []oauth.Field{
		{Name: "Content-Type", Value: "application/json"}, {Name: "Accept", Value: "application/json"},
	}, Body: string(body)}, "manual")
	if x.Err != nil || x.Status != 201 {
		return nil, x
	}
	return a, x
}

// oauthAccountPanel offers a demo account for the consent page.
type oauthAccountPanel struct {
	app.Compo
	x    *oauthExchange
	busy bool
}

func (p *oauthAccountPanel) create(ctx app.Context, e app.Event) {
	p.busy = true
	ctx.Async(func() {
		a, x := oauthCreateAccount()
		ctx.Dispatch(func(ctx app.Context) {
			p.busy, p.x = false, x
			if a != nil {
				oauthAccountMem = a
			}
		})
	})
}

func (p *oauthAccountPanel) Render() app.UI {
	a := oauthAccountMem
	return app.Div().ID("account").Class("account").Body(
		app.P().Text("The consent page asks you to sign in. Use your Authlab account, or make a throw-away one here (POST /api/register)."),
		app.If(a == nil, func() app.UI {
			return oauthButton("create-account", "Create a demo account", true, p.busy, p.create)
		}).Else(func() app.UI {
			return app.Div().Body(
				oauthValue("account-name", "Username", a.Name),
				oauthValue("account-password", "Password", a.Password),
				oauthNote("Write these down or copy them: this page forgets them when it leaves for the consent page."),
			)
		}),
		app.If(p.x != nil && p.x.Status != 201, func() app.UI { return oauthHTTP("x-account", p.x) }),
	)
}
