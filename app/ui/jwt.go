package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// exampleToken is an HS256 token for the "Load an example" button.
const exampleToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSBMb3ZlbGFjZSIsImlhdCI6MTUxNjIzOTAyMn0.Q2zjO2Uk8Y3MhMqxUGJOJ6gNAmCnz7ftHy-kmq5NKuQ"

// jwtPage decodes a pasted token into its three segments.
type jwtPage struct {
	app.Compo
	token string
	in    *jot.Inspection
}

func (p *jwtPage) OnMount(ctx app.Context) {
	if p.in == nil {
		p.in = jot.Inspect(p.token)
	}
}

func (p *jwtPage) onInput(ctx app.Context, e app.Event) {
	p.token = ctx.JSSrc().Get("value").String()
	p.in = jot.Inspect(p.token)
}

func (p *jwtPage) onExample(ctx app.Context, e app.Event) {
	p.token = exampleToken
	p.in = jot.Inspect(p.token)
}

func (p *jwtPage) Render() app.UI {
	in := p.in
	if in == nil {
		in = jot.Inspect(p.token)
	}
	return shell("/jwt",
		app.H1().Text("JWT decoder"),
		app.P().Class("lead").Text("Paste a token. It is decoded here, in your browser, and not verified: nothing below can be trusted until a key has checked the signature."),
		app.Div().Class("workbench").Body(
			app.Section().Class("pane").Body(
				app.Label().For("token").Text("Encoded token"),
				app.Textarea().ID("token").Class("token-input").
					Placeholder("eyJhbGciOi… — a leading “Bearer ”, quotes or a whole Authorization line are fine").
					Spellcheck(false).AutoFocus(true).Text(p.token).OnInput(p.onInput),
				app.Button().ID("example").Class("secondary").Text("Load an example").OnClick(p.onExample),
				app.If(p.token != "", func() app.UI { return coloredToken(in) }),
			),
			app.Section().Class("pane").Aria("live", "polite").Body(
				app.If(p.token != "" && in.Err() != nil, func() app.UI { return problems(in.Errors) }),
				app.If(p.token != "", func() app.UI {
					return app.Div().Body(
						segmentView("header", "Header", in.HeaderJSON, in.Raw[0], in.Header != nil),
						segmentView("payload", "Payload", in.PayloadJSON, in.Raw[1], in.Payload != nil),
						signatureView(in),
					)
				}).Else(func() app.UI {
					return app.P().Class("hint").Text("The decoded header, payload and signature appear here.")
				}),
			),
		),
	)
}

func coloredToken(in *jot.Inspection) app.UI {
	return app.P().Class("encoded").Body(
		app.Span().Class("seg-header").Text(in.Raw[0]), app.Text("."),
		app.Span().Class("seg-payload").Text(in.Raw[1]), app.Text("."),
		app.Span().Class("seg-signature").Text(in.Raw[2]),
	)
}

func problems(errs []error) app.UI {
	return app.Div().ID("problems").Class("problems").Aria("role", "alert").Body(
		app.Strong().Text("This token is malformed"),
		app.Ul().Body(app.Range(errs).Slice(func(i int) app.UI {
			return app.Li().Text(errs[i].Error())
		})),
	)
}

func segmentView(id, title string, decoded []byte, raw string, ok bool) app.UI {
	body := app.Pre().ID(id + "-json").Class("json seg-" + id)
	switch {
	case ok:
		body = body.Text(string(decoded))
	case decoded != nil:
		body = body.Text(string(decoded))
	default:
		body = body.Class("json seg-" + id + " empty").Text("(could not be decoded)")
	}
	return app.Div().Class("segment").Body(
		app.H2().Class("seg-title seg-"+id).Text(title),
		body,
	)
}

func signatureView(in *jot.Inspection) app.UI {
	text := "(no signature)"
	if len(in.Signature) > 0 {
		text = app.FormatString("%d bytes: %x", len(in.Signature), in.Signature)
	}
	return app.Div().Class("segment").Body(
		app.H2().Class("seg-title seg-signature").Text("Signature"),
		app.Pre().ID("signature-bytes").Class("json seg-signature").Text(text),
		app.P().Class("badge unverified").Text("Unverified: the signature has not been checked."),
	)
}
