package jwtbench

import (
	"errors"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// jweState is the decryption of a compact JWE in the token field (RFC
// 7516 §7.1), the encrypt pane and the Auth.js cookie form. Keys and
// plaintexts stay in these fields: never stored, never sent.
type jweState struct {
	key string
	enc jot.SecretEncoding
	km  *jot.KeyMaterial

	// token is the JWE last decrypted, "" when the token is not one;
	// res or err is the outcome.
	token string
	res   *jwe.Result
	err   error

	encrypt encryptState
	authjs  authjsState
}

// check decodes the token and checks it, as jot.Inspect and jot.Check do.
// A JWE is decrypted with the key of the decrypt pane first: a nested JWS
// (RFC 7519 §5.2) then goes on to verification with the page's key, as
// any token; a JSON plaintext shows as the payload.
func (p *page) check(opts ...jot.Option) (*jot.Inspection, *jot.Verdict) {
	in := jot.Inspect(p.token)
	if !in.JWE {
		p.jwe.token, p.jwe.res, p.jwe.err = "", nil, nil
		return in, jot.Check(in, p.km, opts...)
	}
	if tok := jot.Clean(p.token); tok != p.jwe.token {
		p.jwe.decrypt(tok)
	}
	r := p.jwe.res
	switch {
	case r == nil:
		return in, jot.Check(in, p.km, opts...)
	case r.Nested:
		inner := jot.Inspect(r.Inner)
		v := jot.Check(inner, p.km, opts...)
		v.Hint = strings.TrimSpace("Decrypted JWE (" + r.Alg + ", " + r.Enc + "): the token shown is the JWS inside it. " + v.Hint)
		return inner, v
	}
	if r.Claims != nil {
		in.Payload, in.PayloadJSON = r.Claims, []byte(indentJSON(r.Plaintext))
	}
	reason := "Decrypted with the key given (" + r.Alg + ", " + r.Enc + "). Decryption says who could read it, not who made it"
	if len(r.Notes) > 0 {
		reason += "; " + strings.Join(r.Notes, "; ")
	}
	return in, &jot.Verdict{State: jot.StateUnverified, Reason: reason + "."}
}

// decrypt decrypts tok with the pane's key. With no key, the header is
// still checked, so that a refused algorithm is named at once.
func (s *jweState) decrypt(tok string) {
	s.token = tok
	if s.km == nil {
		s.km = jot.ReadKey(s.key, s.enc)
	}
	s.res, s.err = jwe.Decrypt(tok, s.km)
}

func (p *page) onJWEKey(ctx app.Context, e app.Event) {
	p.setJWEKey(input.Value(ctx), p.jwe.enc)
}

func (p *page) onJWEEncoding(ctx app.Context, e app.Event) {
	p.setJWEKey(p.jwe.key, jot.SecretEncoding(input.Value(ctx)))
}

func (p *page) setJWEKey(text string, enc jot.SecretEncoding) {
	p.jwe.key, p.jwe.enc = text, enc
	p.jwe.km = jot.ReadKey(text, enc)
	p.jwe.token = "" // decrypt again
	p.edited()
	p.refresh()
}

// jweView is what go-app renders of the decryption, for page.view.
func (s *jweState) view() string {
	v := s.token
	if s.err != nil {
		v += "\x00" + s.err.Error()
	}
	if s.res != nil {
		v += "\x00" + string(s.res.Plaintext)
	}
	return v
}

// renderJWE is the decrypt pane, shown while the token is a JWE, and the
// encrypt pane and the Auth.js cookie form.
func (p *page) renderJWE() app.UI {
	return app.Div().Class("jwe-tools").Body(
		app.If(p.jwe.token != "", p.renderDecrypt),
		p.renderEncrypt(),
		p.renderAuthJS(),
	)
}

func (p *page) renderDecrypt() app.UI {
	s := &p.jwe
	alg, enc, _ := strings.Cut(jweAlgs(p.jwe.token), " ")
	return app.Section().ID("jwe-decrypt").Class("jwe").Body(
		app.H2().Text("Decrypt the JWE"),
		app.P().Class("hint").Text("The token is encrypted with alg "+alg+" and enc "+enc+" (RFC 7516). Give the recipient's key: a private key as PEM or JWK, a JWK Set, or a symmetric secret. It stays in this page."),
		app.Label().For("jwe-key").Text("Decryption key"),
		app.Textarea().ID("jwe-key").Class("key-input").Spellcheck(false).
			Placeholder("A private key (PEM or JWK), a JWK Set, or a secret").Text(s.key).OnInput(p.onJWEKey),
		app.Div().Class("row").Body(
			app.Label().For("jwe-key-encoding").Text("Secret encoding"),
			encodingSelect("jwe-key-encoding", s.enc, p.onJWEEncoding),
		),
		jweOutcome("jwe", s.res, s.err, s.key == ""),
	)
}

// jweAlgs is "alg enc" of a JWE's protected header, for the hint.
func jweAlgs(tok string) string {
	in := jot.Inspect(tok)
	alg, _ := in.Header["alg"].(string)
	enc, _ := in.Header["enc"].(string)
	return alg + " " + enc
}

// jweOutcome shows a decryption: its refusal, by name and with the reason,
// or its plaintext and what a reader should know about it. id prefixes the
// elements' ids.
func jweOutcome(id string, r *jwe.Result, err error, noKey bool) app.UI {
	if err != nil {
		if noKey && errors.Is(err, jwe.ErrNoKey) {
			return app.P().ID(id + "-status").Class("hint").Text("Not decrypted: no key yet.")
		}
		refused := ""
		if errors.Is(err, jwe.ErrRefused) {
			refused = refusedAlg(err)
		}
		return app.P().ID(id+"-error").Class("field-error").Attr("role", "alert").DataSet("refused", refused).Text(err.Error())
	}
	if r == nil {
		return nil
	}
	text := string(r.Plaintext)
	if r.Claims != nil {
		text = indentJSON(r.Plaintext)
	}
	return app.Div().ID(id+"-result").Body(
		app.If(r.Nested, func() app.UI {
			return app.P().ID(id + "-nested").Class("hint").Text("The plaintext is a signed JWT (a nested JWS, RFC 7519 §5.2): the workbench verifies it with the secret or public key above, and shows it decoded.")
		}),
		app.If(len(r.Notes) > 0, func() app.UI {
			return app.Ul().Class("notes").Body(app.Range(r.Notes).Slice(func(i int) app.UI { return app.Li().Text(r.Notes[i]) }))
		}),
		app.Label().For(id+"-plaintext").Text("Plaintext"),
		app.Textarea().ID(id+"-plaintext").Class("json-input").ReadOnly(true).Spellcheck(false).Text(text),
		&widget.CopyButton{ID: "copy-" + id + "-plaintext", Text: text, Label: "Copy plaintext"},
	)
}

// refusedAlg names the algorithm a refusal is about: RSA1_5, PBES2-….
func refusedAlg(err error) string {
	_, rest, ok := strings.Cut(err.Error(), "alg ")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, ":")
	name, _, _ = strings.Cut(name, " ")
	return name
}

// encodingSelect chooses how a secret is written.
func encodingSelect(id string, cur jot.SecretEncoding, on app.EventHandler) app.UI {
	return app.Select().ID(id).OnChange(on).Body(
		app.Range(jot.SecretEncodings()).Slice(func(i int) app.UI {
			e := jot.SecretEncodings()[i]
			return input.SelectedIf(app.Option().Value(string(e)), e == cur || cur == "" && i == 0).Text(e.Label())
		}),
	)
}
