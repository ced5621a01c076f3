package ui

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// oauthLab is the "break it" lab: one click breaks one rule, with real
// requests, and shows the error that caught it.
type oauthLab struct {
	app.Compo
	runs    map[string]*oauthLabRun
	running string
}

func (l *oauthLab) start(key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		var c *oauthLabCase
		for i := range oauthLabCases {
			if oauthLabCases[i].Key == key {
				c = &oauthLabCases[i]
			}
		}
		if c == nil || l.running != "" {
			return
		}
		l.running = key
		ctx.Async(func() {
			r := &oauthLabRun{}
			c.run(r)
			if r.Caught == "" && r.Failed == "" {
				r.Failed = "the rule was not enforced"
			}
			ctx.Dispatch(func(ctx app.Context) {
				if l.runs == nil {
					l.runs = map[string]*oauthLabRun{}
				}
				l.runs[key], l.running = r, ""
			})
		})
	}
}

func (l *oauthLab) Render() app.UI {
	return app.Section().ID("lab").Class("oauth-lab").Body(
		app.H2().Text("Break it"),
		app.P().Text("Each button breaks one rule on purpose, with real requests to the demo server, and shows the error that stops it. Cases that need a code sign in on the consent endpoint as a throw-away demo account: the same POST the consent page's Approve button sends, with the username and password, after which the browser follows the 303 to the callback."),
		app.Ul().Class("lab-cases").Body(app.Range(oauthLabCases).Slice(func(i int) app.UI {
			c := oauthLabCases[i]
			r := l.runs[c.Key]
			return app.Li().ID("lab-"+c.Key).Class("pane lab-case").Body(
				app.H3().Text(c.Title),
				app.P().Class("hint").Text(c.Check),
				oauthButton("lab-"+c.Key+"-run", "Break it", l.running == "", l.running == c.Key, l.start(c.Key)),
				app.If(r != nil, func() app.UI { return oauthLabResult(c.Key, r) }),
			)
		})),
	)
}

// oauthLabResult shows what caught the broken rule, then every request.
func oauthLabResult(key string, r *oauthLabRun) app.UI {
	verdict := app.P().ID("lab-"+key+"-verdict").Class("verdict ok").DataSet("caught", r.Caught).Body(
		app.Text("Caught: "), app.Code().Text(r.Caught), app.Text(" — "+r.Detail),
	)
	if r.Failed != "" {
		verdict = app.P().ID("lab-"+key+"-verdict").Class("problems").DataSet("caught", "").Text("The lab could not finish: " + r.Failed)
	}
	return app.Div().ID("lab-"+key+"-result").Class("lab-result").Body(
		verdict,
		app.Ul().Class("lab-notes").Body(app.Range(r.Notes).Slice(func(i int) app.UI { return app.Li().Text(r.Notes[i]) })),
		app.Details().Body(
			app.Summary().Text("The requests"),
			app.Range(r.Xs).Slice(func(i int) app.UI { return oauthHTTP("lab-"+key+"-x"+strconv.Itoa(i), r.Xs[i]) }),
		),
	)
}
