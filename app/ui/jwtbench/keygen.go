package jwtbench

import (
	"crypto/rand"
	"encoding/base64"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/ui/input"
	"github.com/authlab/authlab/app/ui/widget"
)

// keyKinds are the keys the page generates, and the alg each signs.
var keyKinds = []struct{ ID, Label, Alg string }{
	{"HS256", "HMAC secret, 256 bits", "HS256"},
	{"HS384", "HMAC secret, 384 bits", "HS384"},
	{"HS512", "HMAC secret, 512 bits", "HS512"},
	{"RSA2048", "RSA 2048", "RS256"},
	{"RSA3072", "RSA 3072", "RS256"},
	{"P-256", "EC P-256", "ES256"},
	{"P-384", "EC P-384", "ES384"},
	{"P-521", "EC P-521", "ES512"},
	{"Ed25519", "Ed25519", "EdDSA"},
}

// genState is the key generator: the kind chosen and the last key made,
// exported as PEM and JWK.
type genState struct {
	kind, err       string
	busy            bool
	key             *keys.Key
	privPEM, pubPEM string
	privJWK, pubJWK string
	secret          string // base64url, for HMAC secrets
}

func (p *page) onGenKind(ctx app.Context, e app.Event) {
	p.sign.gen.kind = input.Value(ctx)
}

// onGenerate makes a key in the browser. RSA goes through WebCrypto when
// the browser has it, since pure Go takes seconds for RSA 3072 in wasm;
// everything else, and RSA without WebCrypto, is app/keys.
func (p *page) onGenerate(ctx app.Context, e app.Event) {
	g := &p.sign.gen
	g.err = ""
	alg := algFor(g.kind, p.sign.alg)
	var (
		k   *keys.Key
		err error
	)
	switch g.kind {
	case "HS256":
		k, err = keys.GenerateSecret(32, alg, rand.Reader)
	case "HS384":
		k, err = keys.GenerateSecret(48, alg, rand.Reader)
	case "HS512":
		k, err = keys.GenerateSecret(64, alg, rand.Reader)
	case "RSA2048", "RSA3072":
		bits := 2048
		if g.kind == "RSA3072" {
			bits = 3072
		}
		if hasSubtle() {
			g.busy = true
			ctx.Async(func() {
				k, err := subtleRSA(bits)
				ctx.Dispatch(func(ctx app.Context) {
					g.busy = false
					if err == nil {
						err = keys.Label(k, alg)
					}
					p.generated(k, alg, err)
				})
			})
			return
		}
		k, err = keys.GenerateRSA(bits, alg, rand.Reader)
	case "Ed25519":
		k, err = keys.GenerateEd25519(rand.Reader)
	default:
		k, err = keys.GenerateEC(g.kind, rand.Reader)
	}
	p.generated(k, alg, err)
}

// algFor keeps the chosen alg when it fits the new key (RS256 or PS384
// for an RSA key), or takes the kind's own.
func algFor(kind, current string) string {
	if strings.HasPrefix(kind, "RSA") && (strings.HasPrefix(current, "RS") || strings.HasPrefix(current, "PS")) {
		return current
	}
	for _, k := range keyKinds {
		if k.ID == kind {
			return k.Alg
		}
	}
	return current
}

// generated exports a new key, puts its private half into the signing
// form, and sets alg and kid in the header.
func (p *page) generated(k *keys.Key, alg string, err error) {
	g := &p.sign.gen
	if err != nil {
		g.err = "Could not generate the key: " + err.Error()
		return
	}
	k.Alg = alg
	*g = genState{kind: g.kind, key: k}
	p.sign.stale()
	if secret, ok := k.Private.([]byte); ok {
		g.secret = base64.RawURLEncoding.EncodeToString(secret)
		j, _ := keys.MarshalJWK(k, true)
		g.privJWK = string(j)
		p.sign.key, p.sign.enc = g.secret, jot.SecretBase64URL
	} else {
		priv, _ := keys.PrivatePEM(k.Private)
		pub, _ := keys.PublicPEM(k.Public)
		privJWK, _ := keys.MarshalJWK(k, true)
		pubJWK, _ := keys.MarshalJWK(k, false)
		g.privPEM, g.pubPEM, g.privJWK, g.pubJWK = string(priv), string(pub), string(privJWK), string(pubJWK)
		p.sign.key = g.privPEM
	}
	p.sign.alg = alg
	p.sign.setMember(false, "alg", alg)
	p.sign.setMember(false, "kid", k.Kid)
}

func (p *page) renderKeygen() app.UI {
	g := &p.sign.gen
	return app.Div().ID("keygen").Class("keygen").Body(
		app.H3().Text("Generate a key"),
		app.Div().Class("row").Body(
			app.Select().ID("gen-kind").OnChange(p.onGenKind).Aria("label", "Key type").Body(
				app.Range(keyKinds).Slice(func(i int) app.UI {
					k := keyKinds[i]
					return input.SelectedIf(app.Option().Value(k.ID), k.ID == g.kind).Text(k.Label)
				}),
			),
			input.DisabledIf(app.Button().ID("generate").Class("secondary").Type("button"), g.busy).Text("Generate").OnClick(p.onGenerate),
			app.If(g.busy, func() app.UI { return app.Span().Class("hint").Text("Generating…") }),
		),
		fieldError("gen-error", g.err),
		app.If(g.key != nil, func() app.UI {
			return app.Div().ID("generated").Class("generated").DataSet("alg", g.key.Alg).Body(
				app.P().Class("hint").Body(
					app.Text(keys.Describe(g.key)+", kid (RFC 7638 thumbprint) "),
					app.Code().ID("gen-kid").Text(g.key.Kid),
					app.Text(". It is in the signing form; the verifier needs the public half."),
				),
				exportField("gen-secret", "Secret (base64url)", g.secret),
				exportField("gen-public-pem", "Public key (PEM)", g.pubPEM),
				exportField("gen-public-jwk", "Public JWK", g.pubJWK),
				exportField("gen-private-pem", "Private key (PEM, PKCS #8)", g.privPEM),
				exportField("gen-private-jwk", "Private JWK", g.privJWK),
			)
		}),
	)
}

func exportField(id, label, text string) app.UI {
	if text == "" {
		return nil
	}
	return app.Div().Class("export").Body(
		app.Label().For(id).Text(label),
		app.Textarea().ID(id).Class("key-input short").ReadOnly(true).Spellcheck(false).Text(text),
		&widget.CopyButton{ID: id + "-copy", Text: text, Label: "Copy " + strings.ToLower(label[:1]) + label[1:]},
	)
}
