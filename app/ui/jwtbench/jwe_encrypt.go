package jwtbench

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// encryptState is the encrypt pane: a plaintext, the recipient's key, alg
// and enc from jwe.KeyAlgorithms and jwe.ContentEncryptions, and the JWE
// made, dropped whenever one of them changes.
type encryptState struct {
	plaintext, key string
	enc            jot.SecretEncoding
	alg, cenc      string
	token, err     string
}

func (s *encryptState) init() {
	if s.alg == "" {
		s.alg, s.cenc = jwe.KeyAlgorithms()[0], jwe.ContentEncryptions()[0]
	}
}

// encryptField sets one field of the pane from an input, and drops the
// token made from the old values.
func (p *page) encryptField(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		*field = input.Value(ctx)
		p.jwe.encrypt.token, p.jwe.encrypt.err = "", ""
	}
}

func (p *page) onEncryptEncoding(ctx app.Context, e app.Event) {
	p.jwe.encrypt.enc = jot.SecretEncoding(input.Value(ctx))
	p.jwe.encrypt.token, p.jwe.encrypt.err = "", ""
}

// onEncrypt makes the JWE. A plaintext that is a JWS is marked as a nested
// JWT with cty "JWT" (RFC 7519 §5.2).
func (p *page) onEncrypt(ctx app.Context, e app.Event) {
	s := &p.jwe.encrypt
	s.token, s.err = "", ""
	opt := jwe.EncryptOptions{}
	pt := strings.TrimSpace(s.plaintext)
	if in := jot.Inspect(pt); in.Err() == nil && in.Alg() != "" {
		opt.Cty = "JWT"
	}
	tok, err := jwe.Encrypt([]byte(pt), jot.ReadKey(s.key, s.enc), s.alg, s.cenc, opt)
	if err != nil {
		s.err = err.Error()
		return
	}
	s.token = tok
}

// onUseEncrypted opens the JWE made in the decrypt pane, with the key it
// was made for when that is a secret.
func (p *page) onUseEncrypted(ctx app.Context, e app.Event) {
	s := &p.jwe.encrypt
	p.setToken(s.token)
	if km := jot.ReadKey(s.key, s.enc); km.Format == jot.FormatSecret {
		p.jwe.key, p.jwe.enc, p.jwe.km = s.key, s.enc, km
	}
	p.jwe.token = ""
	p.edited()
	p.refresh()
}

func (p *page) renderEncrypt() app.UI {
	return &widget.Fold{ID: "jwe-encrypt", Class: "jwe", Summary: "Encrypt a JWE", Content: p.encryptForm}
}

func (p *page) encryptForm() []app.UI {
	s := &p.jwe.encrypt
	s.init()
	options := func(id, cur string, list []string) app.UI {
		return app.Select().ID(id).OnChange(p.encryptField(map[string]*string{"jwe-alg": &s.alg, "jwe-enc": &s.cenc}[id])).Body(
			app.Range(list).Slice(func(i int) app.UI {
				return input.SelectedIf(app.Option().Value(list[i]), list[i] == cur).Text(list[i])
			}),
		)
	}
	return []app.UI{
		app.P().Class("hint").Text("RSA1_5 and PBES2 are not offered: RFC 8725 §3.2 says to avoid RSA1_5, and PBES2's iteration count lets a token's maker stall its reader. The plaintext is never compressed (RFC 8725 §3.6)."),
		app.Label().For("jwe-enc-plaintext").Text("Plaintext: claims as JSON, or a signed JWT to nest"),
		app.Textarea().ID("jwe-enc-plaintext").Class("json-input").Spellcheck(false).Text(s.plaintext).OnInput(p.encryptField(&s.plaintext)),
		app.Label().For("jwe-enc-key").Text("Recipient's key"),
		app.Textarea().ID("jwe-enc-key").Class("key-input").Spellcheck(false).
			Placeholder("A public key (PEM or JWK) for RSA-OAEP and ECDH-ES, or a secret for dir and the key-wrapping algorithms").
			Text(s.key).OnInput(p.encryptField(&s.key)),
		app.Div().Class("row").Body(
			app.Label().For("jwe-enc-key-encoding").Text("Secret encoding"),
			encodingSelect("jwe-enc-key-encoding", s.enc, p.onEncryptEncoding),
			app.Label().For("jwe-alg").Text("alg"),
			options("jwe-alg", s.alg, jwe.KeyAlgorithms()),
			app.Label().For("jwe-enc").Text("enc"),
			options("jwe-enc", s.cenc, jwe.ContentEncryptions()),
		),
		app.Button().ID("encrypt").Type("button").Text("Encrypt").OnClick(p.onEncrypt),
		fieldError("encrypt-error", s.err),
		app.If(s.token != "", func() app.UI {
			return app.Div().Class("field").Body(
				app.Label().For("encrypted").Text("Encrypted token"),
				app.Textarea().ID("encrypted").Class("token-input short").ReadOnly(true).Text(s.token),
				&widget.CopyButton{ID: "copy-encrypted", Text: s.token, Label: "Copy token"},
				app.Button().ID("use-encrypted").Class("secondary").Type("button").Text("Open in the decoder").OnClick(p.onUseEncrypted),
			)
		}),
	}
}
