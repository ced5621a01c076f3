package ui

import (
	"fmt"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/attackfix"
	"github.com/authlab/authlab/app/naivelab"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// panel is one attack: what the mistake is, the token built, and the two
// answers.
func (l *attackLab) panel(e naivelab.Endpoint) app.UI {
	id := attackPanelID(e.Name)
	r := l.panels[e.Name]
	fix := attackfix.For(e.Name)
	return app.Section().ID(id).Class("pane attack").DataSet("attack", e.Name).Aria("labelledby", id+"-title").Body(
		app.H2().ID(id+"-title").Text(e.Name),
		app.P().Body(app.Strong().Text("The mistake: "), app.Text("the endpoint "+e.Mistake+" ("+e.Section+")."),
			app.Text(" "), app.Code().Text("GET /lab/naive/"+e.Name)),
		app.If(e.Name == "weak-secret", func() app.UI { return l.crackView() }),
		app.Div().Class("buttons").Body(
			input.DisabledIf(app.Button().ID(id+"-build").Type("button").Text("Build the attack"), l.lab == nil).OnClick(l.onBuild(e.Name)),
			input.DisabledIf(app.Button().ID(id+"-send").Class("secondary").Type("button").Text("Send to the naive and the strict endpoint"),
				r == nil || len(r.attacks) == 0 || r.busy).OnClick(l.onSend(e.Name)),
		),
		app.If(r != nil && r.err != "", func() app.UI { return app.P().Class("problems").Role("alert").Text(r.err) }),
		app.If(r != nil && len(r.attacks) > 0, func() app.UI { return l.built(id, e.Name, r) }),
		app.If(r != nil && r.naive != nil, func() app.UI {
			return app.Div().Class("side-by-side").Body(
				&exchangeView{ID: id + "-naive", Title: fmt.Sprintf("Naive /lab/naive/%s → %d", e.Name, r.naive.Status), X: r.naive},
				app.If(r.strict != nil, func() app.UI {
					return &exchangeView{ID: id + "-strict", Title: fmt.Sprintf("Strict /api/protected → %d", r.strict.Status), X: r.strict}
				}),
			)
		}),
		app.Details().Class("fix").Body(
			app.Summary().Text("The fix"),
			app.P().Class("hint").Text("Each verifier below is run by the project's tests against this panel's attack tokens, which it refuses, and a good token, which it accepts."),
			app.H3().Text("Go (golang-jwt)"), app.Pre().Body(app.Code().Text(fix.Go)),
			app.H3().Text("Python (PyJWT)"), app.Pre().Body(app.Code().Text(fix.Python)),
			app.H3().Text("JavaScript (jose)"), app.Pre().Body(app.Code().Text(fix.JS)),
		),
	)
}

// attackPanelID is the id of the panel of the lab endpoint named name:
// /attacks#attack-<name> lands on it.
func attackPanelID(name string) string { return "attack-" + name }

// built shows the attack tokens, with a choice when there are several.
func (l *attackLab) built(id, name string, r *attackRun) app.UI {
	a := r.attacks[r.pick]
	return app.Div().Class("built").Body(
		app.If(len(r.attacks) > 1, func() app.UI {
			return app.Div().Class("row").Body(
				app.Label().For(id+"-variant").Text("Variant"),
				app.Select().ID(id+"-variant").OnChange(l.onPick(name)).Body(
					app.Range(r.attacks).Slice(func(i int) app.UI {
						return input.SelectedIf(app.Option().Value(strconv.Itoa(i)), i == r.pick).Text(r.attacks[i].Label)
					}),
				),
			)
		}),
		app.P().Class("hint").Body(app.Strong().Text("How it was made: "), app.Text(a.How)),
		app.Label().For(id+"-token").Text("The attack token"),
		app.Textarea().ID(id+"-token").Class("token-input short").ReadOnly(true).Spellcheck(false).Text(a.Token),
		&widget.CopyButton{ID: id + "-copy", Text: a.Token, Label: "Copy the token"},
	)
}
