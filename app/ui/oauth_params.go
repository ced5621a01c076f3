package ui

import (
	"net/url"
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// oauthParamDocs explains each authorization request parameter, with the
// section that defines it.
var oauthParamDocs = map[string]string{
	"response_type":         "code: ask for an authorization code, to be exchanged at the token endpoint. RFC 6749 §4.1.1. The implicit flow's token is gone from OAuth 2.1.",
	"client_id":             "Who is asking: the pages' own public client, which has no secret because a browser cannot keep one. RFC 6749 §2.2.",
	"redirect_uri":          "Where the answer goes. It must equal a registered URI character for character, or the server shows an error instead of redirecting. RFC 6749 §3.1.2, RFC 9700 §4.1.3.",
	"scope":                 "What access is asked for: openid adds an ID token, profile lets the token read userinfo, api is for the demo API. RFC 6749 §3.3.",
	"state":                 "An unguessable value this tab remembers. The answer must carry it back unchanged, which proves the answer belongs to a request this tab made (CSRF). RFC 6749 §10.12.",
	"code_challenge":        "BASE64URL(SHA256(code_verifier)). The server stores it with the code; only the holder of the verifier can redeem the code. RFC 7636 §4.2.",
	"code_challenge_method": "S256. The plain method sends the verifier itself, so anyone who sees the request can redeem the code; this server refuses it. RFC 7636 §4.3, RFC 9700 §2.1.1.",
	"nonce":                 "Binds an ID token to this request. OpenID Connect Core §3.1.2.1.",
	"authlab_code_ttl":      "Not standard: asks this demo server for a code that lives from 1 second up to the lifetime its metadata advertises under the same name, to watch a code expire.",
}

// oauthParamTable lays out a URL's query parameters, each explained.
func oauthParamTable(id, rawURL string) app.UI {
	u, err := url.Parse(rawURL)
	if err != nil {
		return app.Text("")
	}
	q := u.Query()
	names := []string{"response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method"}
	var extra []string
	for k := range q {
		if !slices.Contains(names, k) {
			extra = append(extra, k)
		}
	}
	slices.Sort(extra)
	names = append(names, extra...)
	return app.Table().ID(id).Class("params").Body(
		app.THead().Body(app.Tr().Body(app.Th().Text("Parameter"), app.Th().Text("Value"), app.Th().Text("Why"))),
		app.TBody().Body(app.Range(names).Slice(func(i int) app.UI {
			n := names[i]
			if !q.Has(n) {
				return app.Text("")
			}
			return app.Tr().DataSet("param", n).Body(
				app.Td().Body(app.Code().Text(n)),
				app.Td().Body(app.Code().Class("value").Text(q.Get(n))),
				app.Td().Text(oauthParamDocs[n]),
			)
		})),
	)
}
