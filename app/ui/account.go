package ui

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// demoAccount is the learner's account on the demo server and its latest
// tokens. It lives in this page's memory only, never in storage: reloading
// the page forgets it.
type demoAccount struct {
	Username, Password string
	Access, Refresh    string
	LoggedInAt         time.Time
}

var account demoAccount

// loggedIn reports whether the page holds an access token.
func loggedIn() bool { return account.Access != "" }

// newDemoAccount suggests a fresh name and password, so that a learner can
// press one button; both can be changed.
func newDemoAccount() (string, string) {
	b := make([]byte, 9)
	rand.Read(b)
	return fmt.Sprintf("learner-%x", b[:3]), fmt.Sprintf("demo-%x", b[3:])
}

// credentialsBody is the JSON body of /api/register, /api/login and
// /session/login.
func credentialsBody(user, pass string) string {
	b, _ := json.Marshal(map[string]string{"username": user, "password": pass})
	return string(b)
}

func jsonPost(path, body string, header ...httpmsg.Field) httpmsg.Request {
	return httpmsg.Request{Method: "POST", URL: apiURL(path),
		Header: append(header, httpmsg.Field{Name: "Content-Type", Value: "application/json"}), Body: body}
}

// loginForm signs the learner up if needed and logs in at /api/login. The
// parent learns of a login through OnLogin.
type loginForm struct {
	app.Compo
	ID      string
	OnLogin func(ctx app.Context)
	user    string
	pass    string
	busy    bool
	steps   []*exchange
	problem string
}

func (f *loginForm) OnInit() {
	f.user, f.pass = account.Username, account.Password
	if f.user == "" {
		f.user, f.pass = newDemoAccount()
	}
}

func (f *loginForm) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if f.busy {
		return
	}
	f.busy, f.steps, f.problem = true, nil, ""
	body := credentialsBody(f.user, f.pass)
	send(ctx, jsonPost("/api/register", body), false, func(ctx app.Context, reg *exchange) {
		f.steps = append(f.steps, reg)
		if reg.Err != nil || (reg.Status != 201 && reg.Status != 409) {
			f.busy, f.problem = false, "The account could not be created: "+failureText(reg)
			return
		}
		send(ctx, jsonPost("/api/login", body), false, func(ctx app.Context, login *exchange) {
			f.steps = append(f.steps, login)
			f.busy = false
			var tok struct {
				AccessToken  string `json:"access_token"`
				RefreshToken string `json:"refresh_token"`
			}
			if login.Status != 200 || json.Unmarshal([]byte(login.Body), &tok) != nil || tok.AccessToken == "" {
				f.problem = "Login failed: " + failureText(login)
				return
			}
			account = demoAccount{Username: f.user, Password: f.pass, Access: tok.AccessToken,
				Refresh: tok.RefreshToken, LoggedInAt: time.Now()}
			if f.OnLogin != nil {
				f.OnLogin(ctx)
			}
		})
	})
}

// describe summarizes a failed exchange: the server's error_description,
// or the network failure.
func failureText(x *exchange) string {
	if x.Err != nil {
		return x.problem()
	}
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if json.Unmarshal([]byte(x.Body), &e) == nil && e.Error != "" {
		return fmt.Sprintf("%d %s: %s", x.Status, e.Error, e.Description)
	}
	return fmt.Sprintf("status %d", x.Status)
}

func (f *loginForm) Render() app.UI {
	status := "Not logged in."
	if loggedIn() {
		status = "Logged in as " + account.Username + "."
	}
	return app.Form().ID(f.ID).Class("login").OnSubmit(f.onSubmit).Body(
		app.Div().Class("fields").Body(
			app.Div().Body(
				app.Label().For(f.ID+"-user").Text("Username"),
				app.Input().ID(f.ID+"-user").Type("text").AutoComplete(false).Spellcheck(false).Value(f.user).
					OnInput(func(ctx app.Context, e app.Event) { f.user = inputValue(ctx) }),
			),
			app.Div().Body(
				app.Label().For(f.ID+"-pass").Text("Password"),
				app.Input().ID(f.ID+"-pass").Type("text").AutoComplete(false).Spellcheck(false).Value(f.pass).
					OnInput(func(ctx app.Context, e app.Event) { f.pass = inputValue(ctx) }),
			),
			input.DisabledIf(app.Button().ID(f.ID+"-submit").Type("submit"), f.busy).Text("Sign up or log in"),
		),
		app.P().ID(f.ID+"-status").Class("hint").Aria("live", "polite").Text(status),
		app.If(f.problem != "", func() app.UI { return app.P().Class("problems").Role("alert").Text(f.problem) }),
		app.If(len(f.steps) > 0, func() app.UI {
			return app.Details().Class("steps").Body(
				app.Summary().Text("The requests behind this"),
				app.Range(f.steps).Slice(func(i int) app.UI {
					title := "POST /api/register"
					if i == 1 {
						title = "POST /api/login"
					}
					return &exchangeView{ID: fmt.Sprintf("%s-step-%d", f.ID, i+1), Title: title, X: f.steps[i]}
				}),
			)
		}),
	)
}
