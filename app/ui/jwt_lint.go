package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// JWTLint lists the lint findings (RFC 8725), most serious first: each
// item of #lint carries data-rule and data-severity.
type JWTLint struct {
	app.Compo
	Findings []jot.Finding
	Decoded  bool // whether there was a token to lint
}

// Render shows the findings.
func (v *JWTLint) Render() app.UI {
	return app.Section().Class("lint").Body(
		app.H2().Class("seg-title").Text("Lint (RFC 8725)"),
		app.If(!v.Decoded, func() app.UI {
			return app.P().Class("hint").Text("Findings about the token's design appear here.")
		}).ElseIf(len(v.Findings) == 0, func() app.UI {
			return app.P().ID("lint-clean").Class("hint").Text("No findings: nothing in this token goes against RFC 8725.")
		}),
		app.Ul().ID("lint").Class("findings").Body(
			app.Range(v.Findings).Slice(func(i int) app.UI {
				f := v.Findings[i]
				return app.Li().Class("finding "+string(f.Severity)).
					DataSet("rule", f.Rule).DataSet("severity", string(f.Severity)).Body(
					app.Span().Class("sev").Text(string(f.Severity)),
					app.Strong().Text(f.Message),
					app.P().Text(f.Explain),
					app.Small().Body(app.Code().Text(f.Rule), app.Text(" · "+f.Ref)),
				)
			}),
		),
	)
}
