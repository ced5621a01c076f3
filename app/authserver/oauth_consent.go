package authserver

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/authlab/authlab/app/oauth"
)

// consentPage writes the consent page. Every value is HTML-escaped.
func consentPage(w io.Writer, d consentData) {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + e(d.Title) + ` · Authlab</title><link rel="stylesheet" href="/web/app.css"></head>
<body><main class="content consent">
<h1>` + e(d.Title) + `</h1>
`)
	if d.Fatal != "" {
		b.WriteString(`<p class="problems" id="authz-error">` + e(d.Fatal) + `</p>
`)
		if d.ClientID != "" {
			b.WriteString(`<p>The application <code>` + e(d.ClientID) + `</code> registered itself with this server, so the error is not sent on to its redirect address <code id="redirect-host">` + e(d.RedirectHost) + `</code> (RFC 9700 §4.11.2). Tell the application's developer what is wrong.</p>
`)
		} else {
			b.WriteString(`<p>This request is not sent back to the application, because its client or redirect address could not be trusted (RFC 6749 §4.1.2.1).</p>
`)
		}
		b.WriteString(`</main></body></html>`)
		io.WriteString(w, b.String())
		return
	}
	b.WriteString(`<p><strong id="client-name">` + e(d.ClientName) + `</strong> (<code>` + e(d.ClientID) + `</code>) asks for access to your Authlab account.</p>
<ul id="scopes">`)
	for _, sc := range d.Scopes {
		b.WriteString(`<li><code>` + e(sc) + `</code>: ` + e(scopeConsent(sc)) + `</li>`)
	}
	b.WriteString(`</ul>
<p>After you decide, you go back to <code id="redirect-host">` + e(d.RedirectHost) + `</code>.</p>
`)
	if d.Unverified {
		b.WriteString(`<p id="unverified-client">This application registered itself with this server, which has not checked who runs it. Continue only if you trust <code>` + e(d.RedirectHost) + `</code>.</p>
`)
	}
	if d.Message != "" {
		b.WriteString(`<p class="problems" id="login-error" role="alert">` + e(d.Message) + `</p>
`)
	}
	b.WriteString(`<form method="post" action="/oauth/authorize" class="pane">
`)
	names := make([]string, 0, len(d.Hidden))
	for k := range d.Hidden {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		b.WriteString(`<input type="hidden" name="` + e(k) + `" value="` + e(d.Hidden[k]) + `">`)
	}
	if d.User != "" {
		b.WriteString(`
<p>Signed in as <strong>` + e(d.User) + `</strong>.</p>`)
	} else {
		b.WriteString(`
<label for="username">Username</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>`)
	}
	b.WriteString(`
<div class="buttons"><button id="approve" name="decision" value="approve">Approve</button>
<button id="deny" name="decision" value="deny" class="secondary" formnovalidate>Deny</button></div>
</form>
</main></body></html>`)
	io.WriteString(w, b.String())
}

// consentData is what the consent page shows. With Fatal set it is an
// error page instead; ClientID and RedirectHost then name the registered
// client whose error is not redirected.
type consentData struct {
	Title, Fatal, ClientName, ClientID, RedirectHost, User, Message string
	Scopes                                                          []string
	Hidden                                                          map[string]string
	// Unverified marks a dynamically registered client (RFC 7591).
	Unverified bool
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
	consentPage(w, d)
}

func (s *Server) renderAuthzError(w http.ResponseWriter, err error) {
	s.writeConsent(w, http.StatusBadRequest, consentData{Title: "This authorization request is invalid", Fatal: err.Error()}, "")
}

// authzError answers an authorization request whose client and redirect
// URI are valid but which is wrong otherwise. A built-in client's redirect
// URI was configured by the operator and gets the error (RFC 6749
// §4.1.2.1). A registered client's was chosen by whoever registered it,
// so before the user has decided the error is shown instead, lest the
// endpoint redirect anyone anywhere (RFC 9700 §4.11.2).
func (s *Server) authzError(w http.ResponseWriter, r *http.Request, req *authzRequest, e *oauth.Error) {
	if req.client.Builtin {
		s.redirectError(w, r, req, e)
		return
	}
	target, _ := url.Parse(req.redirectURI)
	s.writeConsent(w, http.StatusBadRequest, consentData{Title: "This authorization request is invalid", Fatal: e.Error(),
		ClientID: req.client.ID, RedirectHost: target.Host}, "")
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
		RedirectHost: target.Host, Scopes: strings.Fields(req.scope), Hidden: hidden, Message: msg, Unverified: !req.client.Builtin}
	if user != nil {
		d.User = user.Username
	}
	s.writeConsent(w, status, d, target.Scheme+"://"+target.Host)
}
