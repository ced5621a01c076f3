package ui

import (
	"encoding/json"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// step1 shows the PKCE pair and state being made (RFC 7636 §4.1, §4.2).
func (w *oauthWalk) step1() app.UI {
	pk := w.pkce
	return oauthStep("1", "Make a PKCE verifier, its challenge, and a state",
		oauthNote("The client makes a one-time secret, the code_verifier, and sends only its SHA-256 hash, the code_challenge, with the authorization request. Whoever later redeems the code must show the verifier, so a code stolen on its way back through the browser is useless (RFC 7636 §1). The state ties the answer to this tab (RFC 6749 §10.12). Nothing is sent: this runs in the page, with the browser's crypto.getRandomValues."),
		app.If(!w.callbackPage, func() app.UI {
			label := "Generate"
			if pk != nil {
				label = "Generate new ones"
			}
			return oauthButton("generate", label, true, false, w.generate)
		}),
		app.If(pk != nil, func() app.UI {
			return app.Ol().Class("derivation").Body(
				app.Li().Body(oauthValue("pkce-random", "32 random bytes (hex)", pk.RandomHex())),
				app.Li().Body(oauthValue("pkce-verifier", "code_verifier = BASE64URL(bytes), 43 characters", pk.Verifier)),
				app.Li().Body(oauthValue("pkce-digest", "SHA-256 of the verifier's ASCII bytes (hex)", pk.DigestHex())),
				app.Li().Body(oauthValue("pkce-padded", "those 32 bytes in standard base64", pk.Padded)),
				app.Li().Body(oauthValue("pkce-challenge", "code_challenge: '+' → '-', '/' → '_', no '=' (RFC 7636 Appendix A)", pk.Challenge)),
				app.Li().Body(oauthValue("state", "state = BASE64URL(16 random bytes)", w.state)),
			)
		}),
	)
}

// step2 discovers the endpoints (RFC 8414 §3) and builds the authorization
// URL (RFC 6749 §4.1.1).
func (w *oauthWalk) step2() app.UI {
	return oauthStep("2", "Discover the endpoints and build the authorization URL",
		oauthNote("A client reads the server's metadata (RFC 8414) rather than hard-coding its endpoints, and learns its issuer, which step 4 checks. Then it puts the request in the authorization endpoint's query string."),
		app.If(!w.callbackPage || w.renewing, w.codeLifetimeField),
		app.If(!w.callbackPage, func() app.UI {
			return oauthButton("build", "Fetch the metadata and build the URL", w.pkce != nil, w.busy == "build", w.build)
		}),
		app.If(w.pkce == nil && !w.callbackPage, func() app.UI { return oauthWaiting("Generate the verifier first.") }),
		app.If(crossOriginAPI(), func() app.UI {
			return oauthNote("These pages and the demo server are on different origins: the server must list this page's /oauth/callback in OAUTH_REDIRECT_URIS and its origin in CORS_ORIGINS.")
		}),
		w.shown("build"),
		app.If(w.authURL != "", func() app.UI {
			return app.Div().Body(
				oauthParamTable("auth-params", w.authURL),
				app.Label().Text("The authorization URL"),
				app.Pre().ID("auth-url").Class("json").Text(w.authURL),
			)
		}),
	)
}

// step3 leaves for the consent page, keeping the verifier and state in
// sessionStorage for the callback page.
func (w *oauthWalk) step3() app.UI {
	var pending []byte
	if w.pkce != nil {
		pending, _ = json.MarshalIndent(w.pending(), "", "  ")
	}
	var req string
	if w.authURL != "" {
		req = (&httpmsg.Request{Method: "GET", URL: w.authURL, Header: []httpmsg.Field{{Name: "Accept", Value: "text/html"}}}).Dump()
	}
	return oauthStep("3", "Send the browser to the consent page",
		oauthNote("The browser itself goes to the authorization server: the user signs in and approves there, on the server's own page, so this client never sees the password. After Approve, the server answers 303 See Other with the code and your state in the Location, and the browser follows it to this site's /oauth/callback."),
		oauthNote("Leaving unloads this page and its memory. The verifier and state must survive the trip, so they wait in this tab's sessionStorage: per tab, per origin, gone when the tab closes, never sent anywhere, and removed by the callback page on first read. Tokens never go there, nor to localStorage; they will live in memory only."),
		app.If(w.authURL != "" && (!w.callbackPage || w.renewing), func() app.UI {
			return app.Div().Class("pane").Body(
				app.Label().Text("What goes into sessionStorage, under "+oauthPendingKey),
				app.Pre().Class("json").Text(string(pending)),
				app.Label().Text("The request the browser makes (its main lines)"),
				app.Pre().ID("authorize-request").Class("json").Text(req),
				app.Label().Text("What comes back after you approve"),
				app.Pre().Class("json").Text("HTTP/1.1 303 See Other\nLocation: "+w.redirectURI+"?code=…&state="+w.state+"&iss="+w.meta.Issuer),
				&oauthAccountPanel{},
				oauthButton("go-consent", "Go to the consent page", true, w.leaving, w.redirect),
			)
		}),
		app.If(w.authURL == "" && !w.callbackPage, func() app.UI { return oauthWaiting("Build the URL first.") }),
		app.If(w.callbackPage && !w.renewing && w.authURL != "", func() app.UI {
			return app.Pre().ID("auth-url").Class("json").Text(w.authURL)
		}),
	)
}

// step4 checks the authorization response (RFC 6749 §4.1.2, §10.12;
// RFC 9207 §2.4).
func (w *oauthWalk) step4() app.UI {
	if !w.callbackPage || w.renewing {
		return oauthStep("4", "Receive the code on the callback page",
			oauthWaiting("This step runs on /oauth/callback, where the consent page sends the browser back."))
	}
	cb := w.callback
	return oauthStep("4", "Receive the code on the callback page",
		oauthNote("The server sent the browser here with the answer in the query string. Before using the code, the client checks that the answer is for the request it made: state must be the one this tab saved, and iss the server it asked (a mix-up defence). Then the code leaves the address bar, so that a reload or the history cannot replay it."),
		oauthValue("callback-url", "The address the browser arrived at", w.callbackURL),
		app.If(w.parseErr != nil, func() app.UI {
			return app.P().ID("callback-verdict").Class("problems").Text("The response cannot be read: " + w.parseErr.Error())
		}),
		app.If(cb != nil, func() app.UI {
			return app.Table().ID("callback-params").Class("params").Body(
				app.TBody().Body(app.Range(cb.Params).Slice(func(i int) app.UI {
					return app.Tr().Body(app.Td().Body(app.Code().Text(cb.Params[i].Name)), app.Td().Body(app.Code().Class("value").Text(cb.Params[i].Value)))
				})),
			)
		}),
		app.If(w.noPending, func() app.UI {
			return app.Div().ID("callback-verdict").Class("problems").Body(
				app.P().Text("No authorization is pending in this tab: the verifier and state are not in sessionStorage. The callback page removes them when it first reads them, so a reload, another tab or a flow started elsewhere ends here. Without the verifier, the code cannot be redeemed."),
				app.A().Href(href("/oauth")).Text("Start again"),
			)
		}),
		app.If(cb != nil && !w.noPending, func() app.UI {
			return app.Div().Body(
				app.Ul().Class("checks").Body(
					oauthCheck("check-state", cb.State == w.state, "state: received "+oauthQuote(cb.State)+", this tab sent "+oauthQuote(w.state)),
					oauthCheck("check-iss", cb.Iss == w.meta.Issuer, "iss: received "+oauthQuote(cb.Iss)+", the metadata says "+oauthQuote(w.meta.Issuer)),
					oauthCheck("check-code", cb.Code != "", "code: "+oauthQuote(oauthShort(cb.Code))),
				),
				app.If(w.checkErr == nil, func() app.UI {
					return app.Div().Body(
						app.P().ID("callback-verdict").Class("verdict ok").Text("The response matches the request. Redeem the code in step 5 before it expires: it is single-use and short-lived."),
						w.codeCountdown(),
					)
				}).Else(func() app.UI {
					return app.P().ID("callback-verdict").Class("problems").Text("Refused: " + w.checkErr.Error())
				}),
			)
		}),
	)
}

func oauthQuote(s string) string {
	if s == "" {
		return "(none)"
	}
	return "“" + s + "”"
}
