// Package jwtbench is the JWT workbench page: it decodes, verifies, lints
// and signs JSON Web Tokens (RFC 7519) and generates keys in the browser,
// through app/jot and app/keys. Its decoded output is one tree (jnode, in
// markup.go) shown two ways: written into the DOM as escaped HTML in one
// call on each keystroke, which keeps typing fast, and as go-app elements.
package jwtbench

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwtcheck"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// page is the JWT workbench. It decodes, verifies, lints and signs
// tokens and generates keys in the browser, through app/jot and app/keys.
// Tokens and keys live in its fields only: never in storage, and never in
// a request. The one network call is the explicit "Fetch JWKS" button.
type page struct {
	app.Compo
	// layout puts the page's content into the site's frame.
	layout func(content ...app.UI) app.UI

	token, key string
	tokenView  string // the textarea's value as last set by the page (see setToken)
	enc        jot.SecretEncoding
	iss, aud   string // expected values, when given
	skew       int    // seconds of clock skew allowed

	// Derived from the inputs by refresh.
	now     time.Time
	in      *jot.Inspection
	km      *jot.KeyMaterial
	verdict *jot.Verdict
	lint    []jot.Finding
	out     output

	te    tokenEdit // the decoded header and payload as edited
	jwks  jwksState
	disc  discoverState
	jwe   jweState
	share shareState
	sign  signState
}

// New returns the workbench, its content laid out by layout, which puts
// it into the site's frame.
func New(layout func(content ...app.UI) app.UI) app.Composer { return &page{layout: layout} }

// tick is how often the page re-checks the token, so that "expires in"
// and the verdict follow the clock while nobody types.
const tick = 15 * time.Second

// title names the document after the page (WCAG 2.4.2), as the other
// pages' headings do.
const title = "JWT workbench — Authlab"

// OnPreRender names the prerendered document.
func (p *page) OnPreRender(ctx app.Context) { ctx.Page().SetTitle(title) }

// OnMount names the document, starts the clock, hands ECDSA verification
// to WebCrypto and fills the decoded pane. None of that changes what the
// page renders (the pane is painted directly, see output), so go-app is
// spared rendering and comparing the whole page again right after the
// mount.
func (p *page) OnMount(ctx app.Context) {
	ctx.Page().SetTitle(title)
	useSubtle()
	p.out.mounted()
	p.tick(ctx)
	ctx.PreventUpdate()
}

func (p *page) tick(ctx app.Context) {
	ctx.After(tick, func(ctx app.Context) {
		if !p.Mounted() {
			return
		}
		before := p.view()
		if p.token != "" {
			p.refresh()
		}
		p.tick(ctx)
		if p.view() == before {
			ctx.PreventUpdate() // refresh painted what changed
		}
	})
}

// OnNav restores the state a share link carries in its fragment; without
// one, the page is rendered as it is.
func (p *page) OnNav(ctx app.Context) {
	if !p.restore(ctx.Page().URL().EscapedFragment()) {
		ctx.PreventUpdate()
	}
}

// refresh recomputes everything shown from the inputs: decode, verify and
// lint, and paints the output at once (see output). It runs on every
// keystroke, so it does no key parsing (see setKey).
func (p *page) refresh() {
	if p.km == nil {
		p.km = jot.ReadKey(p.key, p.enc)
	}
	p.now = time.Now()
	now := p.now
	p.in, p.verdict = p.check(jwtcheck.Fields{Now: now, Skew: p.skew, Issuer: p.iss, Audience: p.aud}.Options()...)
	p.te.follow(p.in)
	cfg := jot.LintConfig{Now: now}
	if secret := p.km.Secret(); secret != nil {
		cfg.Secret, cfg.SecretText = secret, p.key
	}
	p.lint = jot.Lint(p.in, cfg)
	p.out.build(p)
	if p.Mounted() {
		p.out.paint()
	}
}

// setKey reads new key text once, so that typing in the token does not
// parse the key again.
func (p *page) setKey(text string, enc jot.SecretEncoding) {
	p.key, p.enc = text, enc
	p.km = jot.ReadKey(text, enc)
}

// onToken decodes the token on every keystroke; refresh paints what it
// shows. When nothing else on the page changes with it, go-app is spared
// its update of the whole page.
func (p *page) onToken(ctx app.Context, e app.Event) {
	before := p.view()
	p.token = input.Value(ctx)
	p.edited()
	p.refresh()
	if p.view() == before {
		ctx.PreventUpdate()
	}
}

// viewState is what go-app renders from the token, besides the painted
// output: whether there is a token at all (the share buttons), the share
// link, and the issuer that discovery would start from.
type viewState struct {
	empty     bool
	tokenView string
	share     shareState
	jwksGuess string
	jwe       string
}

func (p *page) view() viewState {
	v := viewState{empty: p.token == "", tokenView: p.tokenView, share: p.share, jwe: p.jwe.view()}
	if p.in != nil {
		v.jwksGuess = tokenIssuer(p.in.Payload)
	}
	return v
}

// setToken puts a token into the textarea, for the examples, share links
// and the signer. What a person types is read by onToken and not written
// back: a megabyte paste would otherwise be copied into the DOM again.
func (p *page) setToken(token string) {
	p.token, p.tokenView = token, token
	if app.IsClient {
		if el := app.Window().GetElementByID("token"); el.Truthy() {
			el.Set("value", token)
		}
	}
}

func (p *page) onKey(ctx app.Context, e app.Event) {
	p.setKey(input.Value(ctx), p.enc)
	p.edited()
	p.refresh()
}

func (p *page) onEncoding(ctx app.Context, e app.Event) {
	p.setKey(p.key, jot.SecretEncoding(input.Value(ctx)))
	p.edited()
	p.refresh()
}

func (p *page) onExpect(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = strings.TrimSpace(input.Value(ctx))
		p.refresh()
	}
}

func (p *page) onSkew(ctx app.Context, e app.Event) {
	n, err := strconv.Atoi(strings.TrimSpace(input.Value(ctx)))
	if err != nil || n < 0 {
		n = 0
	}
	p.skew = min(n, 7*24*3600)
	p.refresh()
}

// Render lays the workbench out: the token, key and verdict on the left,
// the decoded token, claims and lint on the right, signing below.
func (p *page) Render() app.UI {
	if p.in == nil {
		p.refresh()
	}
	p.out.rendered()
	return p.layout(
		app.H1().Text("JWT workbench"),
		app.P().Class("lead").Text("Decode, verify, lint and sign JSON Web Tokens, and generate keys. All of it runs in this page: tokens and keys are never sent anywhere, and never stored."),
		app.Div().Class("workbench").Body(
			app.Section().Class("pane").Body(
				p.renderTokenInput(),
				p.renderKeyInput(),
				p.out.verdict.shell(),
				p.renderShare(),
			),
			p.paneShell(),
		),
		p.renderJWE(),
		p.renderSign(),
	)
}

func (p *page) renderTokenInput() app.UI {
	return app.Div().Class("field").Body(
		app.Label().For("token").Text("Encoded token"),
		// The token coloured by segment, under the textarea's own text.
		app.Div().Class("overlay token-editor").Body(
			p.out.highlight.shell(),
			app.Textarea().ID("token").Class("token-input").
				Placeholder("eyJhbGciOi… — a leading “Bearer ”, quotes or a whole Authorization line are fine").
				Spellcheck(false).AutoFocus(true).Text(p.tokenView).OnInput(p.onToken),
		),
		app.Div().Class("row").Body(
			app.Button().ID("example").Class("secondary").Type("button").Text("HS256 example").OnClick(p.onExample("HS256")),
			app.Button().ID("example-es256").Class("secondary").Type("button").Text("ES256 example").OnClick(p.onExample("ES256")),
			app.Button().ID("example-none").Class("secondary").Type("button").Text("alg: none example").OnClick(p.onExample("none")),
		),
		app.If(p.token != "", p.renderCopies),
	)
}

// renderCopies are the copy buttons of the token and its decoded header
// and payload. The token changes without go-app rendering the page again
// (see onToken), so each reads its text at the click.
func (p *page) renderCopies() app.UI {
	decoded := func(b func(in *jot.Inspection) []byte) func() string {
		return func() string {
			if p.in == nil {
				return ""
			}
			return string(b(p.in))
		}
	}
	return app.Div().Class("row copies").Body(
		&widget.CopyButton{ID: "copy-token", Label: "Copy token", Source: func() string { return jot.Clean(p.token) }},
		&widget.CopyButton{ID: "copy-header", Label: "Copy header", Source: decoded(func(in *jot.Inspection) []byte { return in.HeaderJSON })},
		&widget.CopyButton{ID: "copy-payload", Label: "Copy payload", Source: decoded(func(in *jot.Inspection) []byte { return in.PayloadJSON })},
	)
}

func (p *page) renderKeyInput() app.UI {
	info := "Empty: the token is decoded but not verified."
	switch {
	case p.km.Err != nil:
		info = "Cannot read the key: " + p.km.Err.Error()
	case p.km.Format == jot.FormatSecret:
		info = "HMAC secret, read as " + p.enc.Label() + ": " + strconv.Itoa(len(p.km.Secret())) + " bytes."
	case p.km.Format == jot.FormatJWKS:
		info = "JWK Set with " + strconv.Itoa(len(p.km.Set.Keys)) + " keys" + kids(p.km.Set) + "."
	case p.km.Format != "":
		info = keys.Describe(p.km.Set.Keys[0]) + " (" + p.km.Format + ")" + kids(p.km.Set) + "."
	}
	return app.Div().Class("field").Body(
		app.Label().For("key").Text("Secret or public key"),
		app.Textarea().ID("key").Class("key-input").Spellcheck(false).
			Placeholder("An HMAC secret, a PEM public key, private key or certificate, a JWK or a JWK Set").
			Text(p.key).OnInput(p.onKey),
		app.Div().Class("row").Body(
			app.Label().For("key-encoding").Text("Secret encoding"),
			app.Select().ID("key-encoding").OnChange(p.onEncoding).OnInput(p.onEncoding).Body(
				app.Range(jot.SecretEncodings()).Slice(func(i int) app.UI {
					e := jot.SecretEncodings()[i]
					return input.SelectedIf(app.Option().Value(string(e)), e == p.enc || p.enc == "" && i == 0).Text(e.Label())
				}),
			),
		),
		app.P().ID("key-info").Class("hint").DataSet("format", p.km.Format).Text(info),
		p.renderJWKS(),
		app.Details().Class("expect").Body(
			app.Summary().Text("Expected issuer, audience and clock skew"),
			app.Div().Class("grid2").Body(
				app.Label().For("expect-iss").Text("iss"),
				app.Input().ID("expect-iss").Type("text").Placeholder("https://issuer.example").Value(p.iss).OnInput(p.onExpect(&p.iss)),
				app.Label().For("expect-aud").Text("aud"),
				app.Input().ID("expect-aud").Type("text").Placeholder("api").Value(p.aud).OnInput(p.onExpect(&p.aud)),
				app.Label().For("skew").Text("Clock skew (s)"),
				app.Input().ID("skew").Type("number").Min(0).Value(p.skew).OnInput(p.onSkew),
			),
		),
	)
}

func kids(s *keys.Set) string {
	var kids []string
	for _, k := range s.Keys {
		if k.Kid != "" && len(kids) < 4 {
			kids = append(kids, k.Kid)
		}
	}
	if len(kids) == 0 {
		return ""
	}
	return ", kid " + strings.Join(kids, ", ")
}
