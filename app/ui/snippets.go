package ui

import (
	"github.com/authlab/authlab/app/ui/widget"
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/snippet"
)

// snippetLang is the language the snippets are shown in, shared by every
// snippet view and kept for the visit.
var snippetLang = "curl"

// snippetView shows client code that repeats a request, in the language
// picked, with a copy button.
type snippetView struct {
	app.Compo
	ID  string
	Req *httpmsg.Request
}

func (s *snippetView) pick(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { snippetLang = id }
}

func (s *snippetView) Render() app.UI {
	langs := snippet.Languages()
	code := ""
	for _, l := range langs {
		if l.ID == snippetLang {
			code = l.Write(s.Req)
		}
	}
	return app.Div().Class("snippets").ID(s.ID).Body(
		app.Div().Class("langs").Role("group").Aria("label", "Snippet language").Body(
			app.Range(langs).Slice(func(i int) app.UI {
				l := langs[i]
				return app.Button().Type("button").Class("lang").DataSet("lang", l.ID).
					Aria("pressed", l.ID == snippetLang).Text(l.Name).OnClick(s.pick(l.ID))
			}),
			&widget.CopyButton{ID: s.ID + "-copy", Text: code, Label: "Copy code"},
		),
		app.Pre().Class("code").DataSet("lang", snippetLang).Body(app.Code().Text(code)),
	)
}
