package ui

import (
	"crypto/rand"
	"errors"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
)

// oauthLabCase is one rule of the "break it" lab: what is broken, the
// check that catches it, and how to break it with real requests.
type oauthLabCase struct {
	Key, Title string
	// Check explains the rule and where it is enforced.
	Check string
	run   func(r *oauthLabRun)
}

// oauthLabRun is one run of a case: the requests made, in order, and the
// error that caught the broken rule.
type oauthLabRun struct {
	Xs     []*exchange
	Notes  []string
	Caught string // the error code, or the client-side check's name
	Detail string // its description
	Failed string // why the case could not run
}

func (r *oauthLabRun) do(req *httpmsg.Request, redirect string) *exchange {
	x := oauthDo(req, redirect)
	r.Xs = append(r.Xs, x)
	return x
}

func (r *oauthLabRun) note(s string) { r.Notes = append(r.Notes, s) }

// caught records the RFC 6749 §5.2 error of x as the result.
func (r *oauthLabRun) caught(x *exchange) {
	if e := x.oauthError(); e != nil {
		r.Caught, r.Detail = e.Code, e.Description
		return
	}
	if x.Err != nil {
		r.Failed = "no answer: " + x.Err.Error()
		return
	}
	r.Failed = "expected an OAuth error, got " + strconv.Itoa(x.Status) + " " + x.StatusText
}

// oauthLabCode is an authorization code the lab obtained for the public
// client, with what it was bound to.
type oauthLabCode struct {
	Code, Verifier, State, Redirect, CallbackURL string
}

func oauthLabRedirect() string { return oauthPageOrigin() + href("/oauth/callback") }

// account makes sure the lab has a demo account to approve with.
func (r *oauthLabRun) account() *demoAccount {
	if hasAccount() {
		a := account
		return &a
	}
	a, x := oauthCreateAccount()
	r.Xs = append(r.Xs, x)
	if a == nil {
		r.Failed = "could not create a demo account"
		return nil
	}
	r.note("Created the demo account " + a.Username + " to approve with.")
	account = *a
	return a
}

// code runs the consent as the demo account: the same POST the consent
// page's form sends when Approve is clicked, with the username and
// password. fetch follows the 303 to the callback, whose URL carries the
// code. extra adds or overrides authorization parameters.
func (r *oauthLabRun) code(extra ...httpmsg.Field) *oauthLabCode {
	a := r.account()
	if a == nil {
		return nil
	}
	pk, err := oauth.NewPKCE(rand.Reader)
	st, err2 := oauth.NewState(rand.Reader)
	if err != nil || err2 != nil {
		r.Failed = "no randomness"
		return nil
	}
	c := &oauthLabCode{Verifier: pk.Verifier, State: st, Redirect: oauthLabRedirect()}
	params := oauthLabAuthParams(c.Redirect, st, pk.Challenge, "S256", extra...)
	params = append(params, httpmsg.Field{Name: "decision", Value: "approve"},
		httpmsg.Field{Name: "username", Value: a.Username}, httpmsg.Field{Name: "password", Value: a.Password})
	x := r.do(&httpmsg.Request{Method: "POST", URL: apiURL("/oauth/authorize"), Header: []httpmsg.Field{
		{Name: "Content-Type", Value: "application/x-www-form-urlencoded"}, {Name: "Accept", Value: "text/html"},
	}, Body: oauth.EncodeForm(params...)}, "follow")
	cb, perr := oauth.ParseCallback(x.URL)
	if x.Err != nil || !x.Redirected || perr != nil || cb.Code == "" {
		r.Failed = "the consent did not redirect with a code"
		switch {
		case x.Err != nil:
			r.Failed += ": " + x.Err.Error()
		case !x.Redirected:
			r.Failed += ": the consent endpoint answered " + strconv.Itoa(x.Status)
			if m, ok := elementText(x.Body, "authz-error", "login-error"); ok {
				r.Failed += ", " + m
			}
			if x.Status == 401 {
				account = demoAccount{} // make a new account next time
			}
		case cb.Err != nil:
			r.Failed += ": " + cb.Err.Error()
		}
		return nil
	}
	c.Code, c.CallbackURL = cb.Code, x.URL
	return c
}

func oauthLabAuthParams(redirect, state, challenge, method string, extra ...httpmsg.Field) []httpmsg.Field {
	p := []httpmsg.Field{
		{Name: "response_type", Value: "code"}, {Name: "client_id", Value: oauthWebClient},
		{Name: "redirect_uri", Value: redirect}, {Name: "scope", Value: oauthScope}, {Name: "state", Value: state},
		{Name: "code_challenge", Value: challenge}, {Name: "code_challenge_method", Value: method},
	}
	for _, e := range extra {
		replaced := false
		for i := range p {
			if p[i].Name == e.Name {
				p[i].Value, replaced = e.Value, true
			}
		}
		if !replaced {
			p = append(p, e)
		}
	}
	return p
}

// exchange redeems c as the public client, with the given verifier and
// redirect URI.
func (r *oauthLabRun) exchange(c *oauthLabCode, verifier, redirect string) *exchange {
	req, _ := oauth.Client{ID: oauthWebClient}.ExchangeCode(apiURL("/oauth/token"), c.Code, redirect, verifier)
	return r.do(req, "manual")
}

// elementText returns the unescaped text of the first element of page
// whose id is one of ids, up to its first child tag: the message of the
// authorization server's error page (authz-error) or of the consent
// page's login error (login-error). It is a plain search, not a regexp,
// so that nothing is compiled when app.wasm starts.
func elementText(page string, ids ...string) (string, bool) {
	for _, id := range ids {
		i := strings.Index(page, `id="`+id+`"`)
		if i < 0 {
			continue
		}
		open := strings.IndexByte(page[i:], '>')
		if open < 0 {
			continue
		}
		text := page[i+open+1:]
		end := strings.IndexByte(text, '<')
		if end < 0 {
			continue
		}
		return html.UnescapeString(text[:end]), true
	}
	return "", false
}

// oauthLabCases lists the lab, in the order of the issue.
var oauthLabCases = []oauthLabCase{
	{"wrong-verifier", "Send the wrong code_verifier",
		"The token endpoint hashes the verifier it receives and compares it with the code_challenge stored with the code (RFC 7636 §4.6). An attacker who intercepted the code does not have the verifier, which never left the client.",
		func(r *oauthLabRun) {
			c := r.code()
			if c == nil {
				return
			}
			other, _ := oauth.NewPKCE(rand.Reader)
			r.note("Redeeming the code with a freshly made verifier instead of the one whose challenge was sent.")
			r.caught(r.exchange(c, other.Verifier, c.Redirect))
		}},
	{"reused-code", "Redeem a code twice",
		"Codes are single-use (RFC 6749 §4.1.2). A second attempt means the code leaked, so the server refuses it and also revokes the tokens the first attempt received (§10.5).",
		func(r *oauthLabRun) {
			c := r.code()
			if c == nil {
				return
			}
			first := r.exchange(c, c.Verifier, c.Redirect)
			t, err := oauth.ParseTokenResponse(first.Status, []byte(first.Body))
			if err != nil {
				r.Failed = "the first exchange failed: " + err.Error()
				return
			}
			r.note("The first exchange worked. Now the same code again:")
			r.caught(r.exchange(c, c.Verifier, c.Redirect))
			u := r.do(oauth.BearerRequest("GET", apiURL("/oauth/userinfo"), t.AccessToken), "manual")
			if u.Status == 401 {
				r.note("The access token from the first exchange is now refused by userinfo (401): the replay revoked it.")
			} else {
				r.note("The access token from the first exchange still works at userinfo: status " + strconv.Itoa(u.Status) + ".")
			}
		}},
	{"redirect", "Change the redirect_uri",
		"The authorization endpoint compares redirect_uri with the registered ones character for character, and shows an error page rather than redirecting to an unknown address (RFC 6749 §4.1.2.1, RFC 9700 §4.1.3). The token endpoint then requires the same redirect_uri as the authorization request (RFC 6749 §4.1.3).",
		func(r *oauthLabRun) {
			st, _ := oauth.NewState(rand.Reader)
			pk, _ := oauth.NewPKCE(rand.Reader)
			evil := "https://evil.example/oauth/callback"
			q := oauth.EncodeForm(oauthLabAuthParams(evil, st, pk.Challenge, "S256")...)
			x := r.do(&httpmsg.Request{Method: "GET", URL: apiURL("/oauth/authorize") + "?" + q,
				Header: []httpmsg.Field{{Name: "Accept", Value: "text/html"}}}, "manual")
			if m, ok := elementText(x.Body, "authz-error"); ok {
				r.note("The authorization endpoint answered " + x.StatusText + " with a page, and no redirect: " + m)
			}
			c := r.code()
			if c == nil {
				return
			}
			r.note("A code issued for " + c.Redirect + ", redeemed with another redirect_uri:")
			r.caught(r.exchange(c, c.Verifier, c.Redirect+"?next=/admin"))
		}},
	{"state", "Accept an answer with another state",
		"This check is the client's: the callback compares state with the value its own tab saved, in constant time (RFC 6749 §10.12). Here an attacker approved a request of their own and plants its callback URL, code included, in your browser; if you redeemed it, your session would be tied to their account (login CSRF).",
		func(r *oauthLabRun) {
			mine, _ := oauth.NewState(rand.Reader)
			r.note("This tab saved state " + mine + ". The attacker's request, with the attacker's state:")
			c := r.code()
			if c == nil {
				return
			}
			cb, err := oauth.ParseCallback(c.CallbackURL)
			if err == nil {
				err = cb.Check(mine, "")
			}
			if errors.Is(err, oauth.ErrStateMismatch) {
				r.Caught, r.Detail = "state mismatch (checked in the browser)", err.Error()
				r.note("The code was never sent to the token endpoint.")
				return
			}
			r.Failed = "the state check did not fail"
		}},
	{"plain", "Use PKCE's plain method",
		"With plain, the challenge is the verifier itself, so anyone who sees the authorization request can redeem the code. RFC 9700 §2.1.1 asks for S256; this server refuses plain at the authorization endpoint, and since the client and redirect are valid, it says so at the redirect URI (RFC 6749 §4.1.2.1).",
		func(r *oauthLabRun) {
			st, _ := oauth.NewState(rand.Reader)
			pk, _ := oauth.NewPKCE(rand.Reader)
			q := oauth.EncodeForm(oauthLabAuthParams(oauthLabRedirect(), st, pk.Verifier, "plain")...)
			x := r.do(&httpmsg.Request{Method: "GET", URL: apiURL("/oauth/authorize") + "?" + q,
				Header: []httpmsg.Field{{Name: "Accept", Value: "text/html"}}}, "follow")
			cb, err := oauth.ParseCallback(x.URL)
			if err != nil || cb.Err == nil {
				r.Failed = "the server did not redirect with an error"
				return
			}
			r.note("The browser was sent back to the callback with an error instead of a code.")
			r.Caught, r.Detail = cb.Err.Code, cb.Err.Description
		}},
	{"expired", "Redeem an expired code",
		"Codes live as long as this server's metadata says under authlab_code_ttl (RFC 6749 §4.1.2 recommends 10 minutes at most). The lab asks for a 1-second code with the non-standard authlab_code_ttl=1, waits 2 seconds, then redeems it.",
		func(r *oauthLabRun) {
			c := r.code(httpmsg.Field{Name: "authlab_code_ttl", Value: "1"})
			if c == nil {
				return
			}
			r.note("Waiting 2 seconds…")
			time.Sleep(2 * time.Second)
			r.caught(r.exchange(c, c.Verifier, c.Redirect))
		}},
	{"wrong-secret", "Authenticate with the wrong client secret",
		"The token endpoint authenticates confidential clients, comparing the secret's hash in constant time. A failed Authorization header is answered 401 invalid_client with a WWW-Authenticate challenge (RFC 6749 §5.2).",
		func(r *oauthLabRun) {
			req, _ := oauth.Client{ID: oauthDemoClient, Secret: "not-the-secret", Method: oauth.AuthBasic}.ClientCredentials(apiURL("/oauth/token"), "api")
			x := r.do(req, "manual")
			r.caught(x)
			if ch := x.header("www-authenticate"); ch != "" {
				r.note("The challenge: WWW-Authenticate: " + ch)
			}
		}},
}

// oauthPageOrigin is this page's origin, or "" when prerendering.
func oauthPageOrigin() string {
	if !app.IsClient {
		return ""
	}
	return app.Window().Get("location").Get("origin").String()
}
