package authserver

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · Authlab</title><link rel="stylesheet" href="/web/app.css"></head>
<body><main class="content consent">
<h1>{{.Title}}</h1>
{{if .Fatal}}<p class="problems" id="authz-error">{{.Fatal}}</p>
<p>This request is not sent back to the application, because its client or redirect address could not be trusted (RFC 6749 §4.1.2.1).</p>
{{else}}
<p><strong id="client-name">{{.ClientName}}</strong> (<code>{{.ClientID}}</code>) asks for access to your Authlab account.</p>
<ul id="scopes">{{range .Scopes}}<li><code>{{.}}</code></li>{{end}}</ul>
<p>After you decide, you go back to <code id="redirect-host">{{.RedirectHost}}</code>.</p>
{{if .Message}}<p class="problems" id="login-error" role="alert">{{.Message}}</p>{{end}}
<form method="post" action="/oauth/authorize" class="pane">
{{range $k, $v := .Hidden}}<input type="hidden" name="{{$k}}" value="{{$v}}">{{end}}
{{if .User}}<p>Signed in as <strong>{{.User}}</strong>.</p>{{else}}
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
{{end}}
<div class="buttons"><button id="approve" name="decision" value="approve">Approve</button>
<button id="deny" name="decision" value="deny" class="secondary" formnovalidate>Deny</button></div>
</form>{{end}}
</main></body></html>`))

type consentData struct {
	Title, Fatal, ClientName, ClientID, RedirectHost, User, Message string
	Scopes                                                          []string
	Hidden                                                          map[string]string
}

// consentCSP allows the page's own stylesheet, and form submission to this
// origin and to the redirect's, which the form's 303 leads to.
func consentCSP(formTarget string) string {
	return "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' " + formTarget + "; frame-ancestors 'none'; base-uri 'none'"
}

func (s *Server) writeConsent(w http.ResponseWriter, status int, d consentData, formTarget string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", consentCSP(formTarget))
	h.Set("X-Frame-Options", "DENY")
	// same-origin: the form POST keeps its Origin (no-referrer would send
	// "null"), and the redirect to the client carries no Referer.
	h.Set("Referrer-Policy", "same-origin")
	w.WriteHeader(status)
	consentPage.Execute(w, d)
}

func (s *Server) renderAuthzError(w http.ResponseWriter, err error) {
	s.writeConsent(w, http.StatusBadRequest, consentData{Title: "This authorization request is invalid", Fatal: err.Error()}, "")
}

func (s *Server) renderConsent(w http.ResponseWriter, r *http.Request, status int, req *authzRequest, user *User, msg string) {
	target, _ := url.Parse(req.redirectURI)
	hidden := map[string]string{
		"response_type": "code", "client_id": req.client.ID, "redirect_uri": req.redirectURI,
		"scope": req.scope, "state": req.state, "code_challenge": req.challenge,
		"code_challenge_method": req.challengeMethod, "nonce": req.nonce,
	}
	if req.codeTTL != MaxCodeTTL {
		hidden["authlab_code_ttl"] = strconv.Itoa(int(req.codeTTL.Seconds()))
	}
	for k, v := range hidden {
		if v == "" {
			delete(hidden, k)
		}
	}
	d := consentData{Title: "Authorize " + req.client.Name, ClientName: req.client.Name, ClientID: req.client.ID,
		RedirectHost: target.Host, Scopes: strings.Fields(req.scope), Hidden: hidden, Message: msg}
	if user != nil {
		d.User = user.Username
	}
	s.writeConsent(w, status, d, target.Scheme+"://"+target.Host)
}
