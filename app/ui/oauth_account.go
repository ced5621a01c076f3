package ui

import (
	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/ui/widget"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// hasAccount reports whether the page knows a demo account's name and
// password, for the consent page.
func hasAccount() bool { return account.Username != "" && account.Password != "" }

// oauthCreateAccount registers a fresh demo account with POST
// /api/register. It blocks: run it in ctx.Async.
func oauthCreateAccount() (*demoAccount, *exchange) {
	user, pass := newDemoAccount()
	x := oauthDo(&httpmsg.Request{Method: "POST", URL: apiURL("/api/register"), Header: []httpmsg.Field{
		{Name: "Content-Type", Value: "application/json"}, {Name: "Accept", Value: "application/json"},
	}, Body: credentialsBody(user, pass)}, "manual")
	if x.Err != nil || x.Status != 201 {
		return nil, x
	}
	return &demoAccount{Username: user, Password: pass}, x
}

// oauthAccountPanel offers a demo account for the consent page.
type oauthAccountPanel struct {
	app.Compo
	x    *exchange
	busy bool
}

func (p *oauthAccountPanel) create(ctx app.Context, e app.Event) {
	p.busy = true
	ctx.Async(func() {
		a, x := oauthCreateAccount()
		ctx.Dispatch(func(ctx app.Context) {
			p.busy, p.x = false, x
			if a != nil {
				account = *a
			}
		})
	})
}

func (p *oauthAccountPanel) Render() app.UI {
	return app.Div().ID("account").Class("account").Body(
		app.P().Text("The consent page asks you to sign in. Use your Authlab account, or make a throw-away one here (POST /api/register)."),
		app.If(!hasAccount(), func() app.UI {
			return oauthButton("create-account", "Create a demo account", true, p.busy, p.create)
		}).Else(func() app.UI {
			return app.Div().Body(
				oauthValue("account-name", "Username", account.Username),
				&widget.CopyButton{ID: "account-name-copy", Text: account.Username, Label: "Copy username"},
				oauthValue("account-password", "Password", account.Password),
				&widget.CopyButton{ID: "account-password-copy", Text: account.Password, Label: "Copy password"},
				oauthNote("Copy each into the consent page's form, or write them down: this page forgets them when it leaves for the consent page."),
			)
		}),
		app.If(p.x != nil && p.x.Status != 201, func() app.UI { return oauthHTTP("x-account", p.x) }),
	)
}
