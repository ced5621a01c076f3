package ui

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// step5 redeems the code (RFC 6749 §4.1.3, RFC 7636 §4.5).
func (w *oauthWalk) step5() app.UI {
	ready := w.callback != nil && w.checkErr == nil && w.pkce != nil && !w.noPending
	return oauthStep("5", "Exchange the code for tokens",
		oauthNote("The page POSTs the code and the verifier to the token endpoint, as a form. authlab-web is a public client: it sends its client_id and no secret, and the verifier is what proves the request comes from whoever started the flow. The server hashes the verifier, compares it with the stored challenge, and spends the code whether or not that succeeds."),
		app.If(!ready, func() app.UI { return oauthWaiting("This needs a checked code from step 4.") }),
		app.If(ready, func() app.UI {
			return oauthButton("exchange", "POST /oauth/token", w.x("exchange", 0) == nil, w.busy == "exchange", w.exchange)
		}),
		w.shown("exchange"),
		app.If(ready && (w.codeExpired() || w.codeRefused()), w.codeGone),
		app.If(w.x("exchange", 0) != nil && w.tokens != nil, func() app.UI {
			return app.Ul().Class("checks").Body(
				oauthCheck("token-bearer", w.tokens.Bearer(), "token_type "+w.tokens.TokenType),
				oauthCheck("token-expiry", w.tokens.ExpiresIn > 0, "the access token expires in "+w.expiresIn()),
				oauthCheck("token-refresh", w.tokens.RefreshToken != "", "a refresh token came too"),
				oauthCheck("token-nostore", w.x("exchange", 0).header("cache-control") == "no-store", "Cache-Control: no-store (RFC 6749 §5.1)"),
			)
		}),
	)
}

// step6 decodes the access token and uses it.
func (w *oauthWalk) step6() app.UI {
	if w.tokens == nil {
		return oauthStep("6", "Read the access token and use it", oauthWaiting("This needs the tokens from step 5."))
	}
	at := w.tokens.AccessToken
	in := jot.Inspect(at)
	return oauthStep("6", "Read the access token and use it",
		oauthNote("This server's access tokens are JWTs (RFC 9068): anyone holding one can read it, which is why it must be kept secret. Decoding is not verifying. The resource server verifies the signature against the server's JWKS; userinfo, /api/profile and /api/keys also ask the server whether the token was revoked; /api/protected does not."),
		app.Div().Class("workbench").Body(
			app.Div().Class("segment").Body(app.H4().Class("seg-title seg-header").Text("Header"), app.Pre().ID("at-header").Class("json seg-header").Text(string(in.HeaderJSON))),
			app.Div().Class("segment").Body(app.H4().Class("seg-title seg-payload").Text("Payload"), app.Pre().ID("at-payload").Class("json seg-payload").Text(string(in.PayloadJSON))),
		),
		app.P().Body(
			app.A().ID("open-jwt").Href(href("/jwt")+"#token="+url.QueryEscape(at)).Target("_blank").Rel("noopener noreferrer").
				Text("Open it in the JWT workbench"),
			app.Text(" (a new tab; the token travels in the URL fragment, which is never sent to a server)."),
		),
		oauthButton("call", "GET /oauth/userinfo and /api/protected", true, w.busy == "call", w.call),
		w.shown("call"),
	)
}

// step7 refreshes (RFC 6749 §6).
func (w *oauthWalk) step7() app.UI {
	if w.tokens == nil {
		return oauthStep("7", "Refresh", oauthWaiting("This needs the tokens from step 5."))
	}
	return oauthStep("7", "Refresh",
		oauthNote("When the access token expires, the client trades its refresh token for new tokens, with no user in the loop. This server rotates refresh tokens: each works once and the answer brings the next. Presenting a spent one again means it was stolen, and the whole family is revoked (RFC 9700 §4.14.2)."),
		oauthButton("refresh", "POST /oauth/token (grant_type=refresh_token)", w.tokens.RefreshToken != "", w.busy == "refresh", w.refresh),
		w.shown("refresh"),
		app.If(w.oldRT != "", func() app.UI {
			return app.Ul().Class("checks").Body(
				oauthCheck("refresh-rotated", w.oldRT != w.tokens.RefreshToken, "the refresh token changed: "+oauthShort(w.oldRT)+" is spent, "+oauthShort(w.tokens.RefreshToken)+" is current"),
			)
		}),
	)
}

// step8 introspects (RFC 7662) and revokes (RFC 7009).
func (w *oauthWalk) step8() app.UI {
	if w.tokens == nil {
		return oauthStep("8", "Introspect and revoke", oauthWaiting("This needs the tokens from step 5."))
	}
	secret := w.demoSecret
	if secret == "" {
		secret = oauthDemoSecret
	}
	return oauthStep("8", "Introspect and revoke",
		oauthNote("Introspection lets a resource server ask whether a token is active. RFC 7662 §2.1 requires the caller to authenticate, or anyone could test stolen tokens: the public authlab-web, which has no secret, is refused with invalid_client. The confidential authlab-demo client, whose secret this demo publishes, authenticates with Basic and gets the answer. It learns about access tokens, but not about another client's refresh token."),
		app.Label().For("demo-secret").Text("authlab-demo's client_secret"),
		app.Input().ID("demo-secret").Value(secret).Spellcheck(false).OnInput(w.onDemoSecret),
		oauthButton("introspect", "POST /oauth/introspect", true, w.busy == "introspect", w.introspect),
		w.shown("introspect"),
		oauthNote("Revocation (RFC 7009) is open to public clients: they identify themselves by client_id. Revoking the refresh token ends its whole family; revoking the access token puts its jti on a deny list until it would expire. An unknown or spent token is answered 200 too, so revocation reveals nothing; a valid token of another client is refused with unauthorized_client and stays valid (§2.1)."),
		oauthButton("revoke", "POST /oauth/revoke (refresh token, then access token)", true, w.busy == "revoke", w.revoke),
		w.shown("revoke"),
		app.If(w.x("revoke", 1) != nil, func() app.UI {
			return app.Div().Body(
				oauthNote("Now ask again: introspection says inactive, userinfo refuses the token (as /api/profile and /api/keys would), and the refresh token is dead. /api/protected only checks the JWT's signature and expiry, so it still accepts the access token until it expires: the price of self-contained tokens, and the reason they are short-lived."),
				oauthButton("recheck", "Try the revoked tokens", true, w.busy == "recheck", w.recheck),
				w.shown("recheck"),
			)
		}),
	)
}

// Render lays out the eight steps.
func (w *oauthWalk) Render() app.UI {
	return app.Section().ID("walkthrough").Class("oauth-walk").Body(
		app.H2().Text("Authorization code with PKCE, step by step"),
		app.P().Text("The client is this page: the public client authlab-web. The authorization server is the demo server. Every request below is real and shown as sent; every response is shown as received."),
		app.If(w.callbackPage, func() app.UI {
			return app.P().Body(app.A().Href(href("/oauth")).Text("Start a new flow"))
		}),
		w.step1(), w.step2(), w.step3(), w.step4(), w.step5(), w.step6(), w.step7(), w.step8(),
	)
}
