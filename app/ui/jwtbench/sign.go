package jwtbench

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// signState is the signing form: header and payload as JSON text, the
// key, and the last token signed.
type signState struct {
	alg                   string
	header, payload       string
	headerErr, payloadErr string
	key                   string
	enc                   jot.SecretEncoding
	expMinutes            int
	token, err            string
	gen                   genState
}

// init fills the form the first time it is shown.
func (s *signState) init() {
	if s.alg != "" {
		return
	}
	s.alg, s.enc, s.expMinutes = "HS256", jot.SecretUTF8, 60
	s.header = "{\n  \"alg\": \"HS256\",\n  \"typ\": \"JWT\"\n}"
	s.payload = "{\n  \"sub\": \"1234567890\",\n  \"name\": \"Ada Lovelace\",\n  \"iat\": " + strconv.FormatInt(time.Now().Unix(), 10) + "\n}"
	s.gen.kind = "HS256"
}

// objectError says why text is not a JSON object that can be signed, or "".
func objectError(text string) string {
	if err := jot.CheckObject([]byte(text)); err != nil {
		return err.Error()
	}
	return ""
}

// stale drops the signed token and its error: they were made from inputs
// that have just changed.
func (s *signState) stale() { s.token, s.err = "", "" }

// setMember edits one member of the header or the payload text, keeping
// the order of the others.
func (s *signState) setMember(payload bool, name string, value any) {
	s.stale()
	text, problem := &s.header, &s.headerErr
	if payload {
		text, problem = &s.payload, &s.payloadErr
	}
	b, err := jot.SetMember([]byte(*text), name, value)
	if err != nil {
		*problem = "Fix the JSON first: " + err.Error()
		return
	}
	*text, *problem = string(b), ""
}

func (p *page) onSignAlg(ctx app.Context, e app.Event) {
	p.sign.alg = input.Value(ctx)
	p.sign.setMember(false, "alg", p.sign.alg)
}

func (p *page) onSignHeader(ctx app.Context, e app.Event) {
	p.sign.stale()
	p.sign.header = input.Value(ctx)
	p.sign.headerErr = objectError(p.sign.header)
	var h struct {
		Alg string `json:"alg"`
	}
	if json.Unmarshal([]byte(p.sign.header), &h) == nil && h.Alg != "" {
		p.sign.alg = h.Alg
	}
}

func (p *page) onSignPayload(ctx app.Context, e app.Event) {
	p.sign.stale()
	p.sign.payload = input.Value(ctx)
	p.sign.payloadErr = objectError(p.sign.payload)
}

func (p *page) onSignKey(ctx app.Context, e app.Event) {
	p.sign.stale()
	p.sign.key = input.Value(ctx)
}

func (p *page) onSignEnc(ctx app.Context, e app.Event) {
	p.sign.stale()
	p.sign.enc = jot.SecretEncoding(input.Value(ctx))
}

func (p *page) onExpMinutes(ctx app.Context, e app.Event) {
	if n, err := strconv.Atoi(input.Value(ctx)); err == nil && n > 0 {
		p.sign.expMinutes = n
	}
}

func (p *page) onSetIat(ctx app.Context, e app.Event) {
	p.sign.setMember(true, "iat", time.Now().Unix())
}

func (p *page) onSetExp(ctx app.Context, e app.Event) {
	p.sign.setMember(true, "exp", time.Now().Add(time.Duration(p.sign.expMinutes)*time.Minute).Unix())
}

// onSetJti sets a random jti (RFC 7519 §4.1.7): 128 bits, base64url.
func (p *page) onSetJti(ctx app.Context, e app.Event) {
	b := make([]byte, 16)
	rand.Read(b)
	p.sign.setMember(true, "jti", base64.RawURLEncoding.EncodeToString(b))
}

// signingKey reads the key text and returns its private half.
func (s *signState) signingKey() (*keys.Key, string) {
	km := jot.ReadKey(s.key, s.enc)
	switch {
	case km.Format == "":
		return nil, "Give a secret or a private key (PEM or JWK), or generate one."
	case km.Err != nil:
		return nil, "Cannot read the key: " + km.Err.Error()
	}
	for _, k := range km.Set.Keys {
		if k.Private != nil {
			return k, ""
		}
	}
	return nil, "This is a public key: signing needs the private key."
}

func (p *page) onSign(ctx app.Context, e app.Event) {
	p.sign.token, p.sign.err = "", ""
	k, problem := p.sign.signingKey()
	if problem != "" {
		p.sign.err = problem
		return
	}
	tok, err := jot.SignJSON([]byte(p.sign.header), []byte(p.sign.payload), k)
	if err != nil {
		p.sign.err = err.Error()
		return
	}
	p.sign.token = tok
}

// onUseSigned opens the signed token in the decoder with the key that
// verifies it: the secret, or the public half of the private key.
func (p *page) onUseSigned(ctx app.Context, e app.Event) {
	k, _ := p.sign.signingKey()
	text, enc := p.sign.key, p.sign.enc
	if k != nil {
		if _, secret := k.Private.([]byte); !secret {
			if pub, err := keys.PublicPEM(k.Private); err == nil {
				text, enc = string(pub), p.enc
			}
		}
	}
	p.setToken(p.sign.token)
	p.setKey(text, enc)
	p.edited()
	p.refresh()
	app.Window().ScrollToID("token")
}

func (p *page) renderSign() app.UI {
	s := &p.sign
	s.init()
	return app.Section().ID("sign-section").Class("sign").Body(
		app.H2().Text("Sign a token"),
		app.Div().Class("workbench").Body(
			app.Div().Class("pane").Body(
				app.Div().Class("row").Body(
					app.Label().For("sign-alg").Text("alg"),
					app.Select().ID("sign-alg").OnChange(p.onSignAlg).Body(
						app.Range(jot.Algorithms()).Slice(func(i int) app.UI {
							a := jot.Algorithms()[i]
							return input.SelectedIf(app.Option().Value(a), a == s.alg).Text(a)
						}),
					),
				),
				app.Label().For("sign-header").Text("Header"),
				app.Textarea().ID("sign-header").Class("json-input").Spellcheck(false).Text(s.header).OnInput(p.onSignHeader),
				fieldError("sign-header-error", s.headerErr),
				app.Label().For("sign-payload").Text("Payload"),
				app.Textarea().ID("sign-payload").Class("json-input tall").Spellcheck(false).Text(s.payload).OnInput(p.onSignPayload),
				fieldError("sign-payload-error", s.payloadErr),
				app.Div().Class("row").Body(
					app.Button().ID("set-iat").Class("secondary").Type("button").Text("iat = now").OnClick(p.onSetIat),
					app.Button().ID("set-exp").Class("secondary").Type("button").Text("exp = now +").OnClick(p.onSetExp),
					app.Input().ID("exp-minutes").Class("short").Type("number").Min(1).Value(s.expMinutes).OnInput(p.onExpMinutes).Aria("label", "minutes"),
					app.Span().Text("min"),
					app.Button().ID("set-jti").Class("secondary").Type("button").Text("random jti").OnClick(p.onSetJti),
				),
			),
			app.Div().Class("pane").Body(
				app.Label().For("sign-key").Text("Secret or private key"),
				app.Textarea().ID("sign-key").Class("key-input").Spellcheck(false).
					Placeholder("An HMAC secret, or a private key as PEM or JWK").Text(s.key).OnInput(p.onSignKey),
				app.Div().Class("row").Body(
					app.Label().For("sign-key-encoding").Text("Secret encoding"),
					app.Select().ID("sign-key-encoding").OnChange(p.onSignEnc).Body(
						app.Range(jot.SecretEncodings()).Slice(func(i int) app.UI {
							e := jot.SecretEncodings()[i]
							return input.SelectedIf(app.Option().Value(string(e)), e == s.enc).Text(e.Label())
						}),
					),
				),
				p.renderKeygen(),
				app.Button().ID("sign").Type("button").Text("Sign").OnClick(p.onSign),
				fieldError("sign-error", s.err),
				app.If(s.token != "", func() app.UI {
					return app.Div().Class("field").Body(
						app.Label().For("signed").Text("Signed token"),
						app.Textarea().ID("signed").Class("token-input short").ReadOnly(true).Text(s.token),
						&widget.CopyButton{ID: "copy-signed", Text: s.token, Label: "Copy token"},
						app.Button().ID("use-signed").Class("secondary").Type("button").Text("Open in the decoder").OnClick(p.onUseSigned),
					)
				}),
			),
		),
	)
}

func fieldError(id, msg string) app.UI {
	if strings.TrimSpace(msg) == "" {
		return nil
	}
	return app.P().ID(id).Class("field-error").Attr("role", "alert").Text(msg)
}
