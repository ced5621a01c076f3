package jwtbench

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/ui/input"
)

// jwksState is the JWK Set URL and the outcome of fetching it.
type jwksState struct {
	url, status string
	busy        bool
}

func (p *page) onJWKSURL(ctx app.Context, e app.Event) {
	p.jwks.url = strings.TrimSpace(input.Value(ctx))
}

// tokenIssuer is the token's iss when it is an http(s) URL, whose keys
// discovery can look for, or "".
func tokenIssuer(claims map[string]any) string {
	iss, _ := claims["iss"].(string)
	u, err := url.Parse(iss)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return iss
}

// onFetchJWKS finds the token's keys, on this explicit click only: from
// the JWK Set URL when one is given, else by discovery from the token's
// iss (see discover).
func (p *page) onFetchJWKS(ctx app.Context, e app.Event) {
	target := p.jwks.url
	if target == "" && p.in != nil {
		if iss := tokenIssuer(p.in.Payload); iss != "" {
			kid, _ := p.in.Header["kid"].(string)
			p.discover(ctx, iss, kid)
			return
		}
	}
	p.disc = discoverState{}
	u, err := url.Parse(target)
	if target == "" || err != nil || u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http" {
		p.jwks.status = "Give an http(s) URL of a JWK Set, such as /.well-known/jwks.json."
		return
	}
	p.jwks.status, p.jwks.busy = "Fetching "+target+"…", true
	fetchText(ctx, target, func(ctx app.Context, body string, err error) {
		p.jwks.busy = false
		if err != nil {
			p.jwks.status = "Could not fetch " + target + ": " + err.Error() + ". The browser may have refused to let this page read it (CORS), or the network failed; paste the JWK Set instead."
			return
		}
		if _, format, perr := keys.ParseAny([]byte(body)); perr != nil || format == keys.FormatPEM {
			p.jwks.status = "The answer from " + target + " is not a JWK Set."
			if perr != nil {
				p.jwks.status += " " + perr.Error()
			}
			return
		}
		var pretty bytes.Buffer
		if json.Indent(&pretty, []byte(body), "", "  ") == nil {
			body = pretty.String()
		}
		p.setKey(body, p.enc)
		p.edited()
		p.refresh()
		p.jwks.status = "Fetched " + target + "."
	})
}

func (p *page) renderJWKS() app.UI {
	placeholder := "https://issuer.example/.well-known/jwks.json"
	if p.in != nil && tokenIssuer(p.in.Payload) != "" {
		placeholder = "empty: discover from the token's iss"
	}
	return app.Details().Class("jwks").Body(
		app.Summary().Text("Fetch a JWK Set"),
		app.P().Class("hint").Text("The only thing on this page that uses the network, and only when you click. Without a URL, the keys are found from the token's iss by OpenID Connect Discovery, then RFC 8414 metadata, then /.well-known/jwks.json; only those URLs are requested, never with the token or the key."),
		app.Div().Class("row").Body(
			app.Input().ID("jwks-url").Type("url").Aria("label", "JWK Set URL").Placeholder(placeholder).Value(p.jwks.url).OnInput(p.onJWKSURL),
			input.DisabledIf(app.Button().ID("fetch-jwks").Class("secondary").Type("button").Text("Fetch JWKS"),
				p.jwks.busy).OnClick(p.onFetchJWKS),
		),
		app.If(p.jwks.status != "", func() app.UI {
			return app.P().ID("jwks-status").Class("hint").Aria("live", "polite").Text(p.jwks.status)
		}),
		p.renderDiscovery(),
	)
}
