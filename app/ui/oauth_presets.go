package ui

import (
	"crypto/rand"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
)

// oauthPresets builds the authorization URL and token requests for real
// providers. It sends nothing: the page's Content Security Policy allows
// requests to the demo server only, and the providers would refuse a
// client they do not know.
type oauthPresets struct {
	app.Compo
	name                       string
	clientID, secret, redirect string
	pkce                       *oauth.PKCETrace
	state                      string
}

// OnInit fills in the inputs, also when prerendering. In the browser it
// also makes the PKCE pair and the state, before the live page's first
// render: made in OnMount instead, they would have go-app render and
// compare the whole page again right after mounting it.
func (p *oauthPresets) OnInit() {
	p.name, p.clientID, p.redirect = oauth.GitHub.Name, "your-client-id", "http://127.0.0.1:8080/callback"
	if app.IsClient {
		p.makeSecrets()
	}
}

// makeSecrets makes the PKCE pair (RFC 7636 §4.1–4.2) and the state (RFC
// 6749 §10.12) that replace the prerendered stand-ins.
func (p *oauthPresets) makeSecrets() {
	p.pkce, _ = oauth.NewPKCE(rand.Reader)
	p.state, _ = oauth.NewState(rand.Reader)
}

func (p *oauthPresets) pick(name string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { p.name = name }
}

func (p *oauthPresets) onInput(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = inputValue(ctx) }
}

func (p *oauthPresets) Render() app.UI {
	prov, ok := oauth.PresetByName(p.name)
	if !ok {
		prov = oauth.GitHub
	}
	return app.Section().ID("presets").Class("pane oauth-presets").Body(
		app.H2().Text("The same flow at GitHub, Google and Spotify"),
		app.P().Text("Register an application with the provider, enter its client id (and secret, if it has one), and copy the requests built here into your own client or curl. The page does not send them: its Content Security Policy allows requests to the demo server only."),
		app.Div().Class("tabs").Attr("role", "group").Aria("label", "Provider").Body(app.Range(oauth.Presets()).Slice(func(i int) app.UI {
			pr := oauth.Presets()[i]
			b := app.Button().ID("preset-"+strings.ToLower(pr.Name)).Type("button").Aria("pressed", pr == prov).Text(pr.Name).OnClick(p.pick(pr.Name))
			if pr != prov {
				b = b.Class("secondary")
			}
			return b
		})),
		app.Label().For("preset-client-id").Text("client_id"),
		app.Input().ID("preset-client-id").Value(p.clientID).Spellcheck(false).OnInput(p.onInput(&p.clientID)),
		app.Label().For("preset-secret").Text("client_secret (empty for a public client)"),
		app.Input().ID("preset-secret").Value(p.secret).Spellcheck(false).OnInput(p.onInput(&p.secret)),
		app.Label().For("preset-redirect").Text("redirect_uri, as registered with the provider"),
		app.Input().ID("preset-redirect").Value(p.redirect).Spellcheck(false).OnInput(p.onInput(&p.redirect)),
		p.requests(prov),
	)
}

// secrets are the PKCE pair (RFC 7636 §4.1, §4.2) and the state (RFC 6749
// §10.12) the requests carry: until OnInit has made them in the browser,
// stand-ins that say so. The prerendered page shows the requests with the
// stand-ins, so that the live page only changes their text.
func (p *oauthPresets) secrets() (challenge, verifier, state string) {
	if p.pkce == nil {
		return "CHALLENGE_MADE_IN_YOUR_BROWSER", "VERIFIER_MADE_IN_YOUR_BROWSER", "STATE_MADE_IN_YOUR_BROWSER"
	}
	return p.pkce.Challenge, p.pkce.Verifier, p.state
}

func (p *oauthPresets) requests(prov *oauth.Provider) app.UI {
	challenge, verifier, state := p.secrets()
	authURL, _ := prov.AuthRequest(p.clientID, p.redirect, state, challenge, nil).URL()
	const code = "CODE_FROM_THE_CALLBACK"
	exch, exchErr := prov.ExchangeCode(p.clientID, p.secret, code, p.redirect, verifier)
	refresh, refreshErr := prov.Refresh(p.clientID, p.secret, "REFRESH_TOKEN")
	return app.Div().ID("preset-output").DataSet("provider", prov.Name).Body(
		app.H3().Text("1 · Send the browser to"),
		app.Pre().ID("preset-auth-url").Class("json").Text(authURL),
		oauthParamTable("preset-auth-params", authURL),
		oauthValue("preset-verifier", "Keep this code_verifier for step 2", verifier),
		app.H3().Text("2 · Exchange the code"),
		oauthRequestOrError("preset-token-request", exch, exchErr),
		app.H3().Text("3 · Refresh"),
		oauthRequestOrError("preset-refresh-request", refresh, refreshErr),
		app.H3().Text("What "+prov.Name+" does differently"),
		app.Ul().ID("preset-notes").Body(app.Range(prov.Notes).Slice(func(i int) app.UI { return app.Li().Text(prov.Notes[i]) })),
		app.P().Body(app.A().Href(prov.Docs).Target("_blank").Rel("noopener noreferrer").Text(prov.Name+"'s guide")),
	)
}

func oauthRequestOrError(id string, r *httpmsg.Request, err error) app.UI {
	if err != nil {
		return app.P().ID(id).Class("hint").Text(err.Error())
	}
	return app.Pre().ID(id).Class("json").Text(r.Dump())
}
