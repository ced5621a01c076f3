package jwtbench

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/ui/input"
)

// shareState is the share link and the warning that guards putting the
// key into it.
type shareState struct {
	link     string
	withKey  bool // the link carries the key
	warning  bool // the key warning is showing
	restored bool // the state came from a link, whose fragment is still in the URL
}

// fragment writes the workbench state as a URL fragment: token, and
// the key with its encoding only when withKey is set. The fragment never
// reaches a server (RFC 3986 §3.5).
func fragment(token, key string, enc jot.SecretEncoding, withKey bool) string {
	f := "token=" + url.QueryEscape(jot.Clean(token))
	if withKey && key != "" {
		f += "&key=" + url.QueryEscape(key)
		if enc != "" && enc != jot.SecretUTF8 {
			f += "&enc=" + url.QueryEscape(string(enc))
		}
	}
	return f
}

// parseFragment reads a fragment written by fragment, as escaped in
// the URL. ok is false when it holds no token.
func parseFragment(fragment string) (token, key string, enc jot.SecretEncoding, ok bool) {
	v, err := url.ParseQuery(strings.TrimPrefix(fragment, "#"))
	if err != nil || v.Get("token") == "" {
		return "", "", "", false
	}
	enc = jot.SecretEncoding(v.Get("enc"))
	switch enc {
	case jot.SecretBase64, jot.SecretBase64URL, jot.SecretHex:
	default:
		enc = jot.SecretUTF8
	}
	return v.Get("token"), v.Get("key"), enc, true
}

// restore sets the inputs from a share link's fragment, as typing them
// would, and reports whether the fragment was one.
func (p *page) restore(fragment string) bool {
	token, key, enc, ok := parseFragment(fragment)
	if !ok {
		return false
	}
	p.setToken(token)
	p.setKey(key, enc)
	p.share = shareState{restored: true}
	p.refresh()
	return true
}

// edited drops a share link's fragment from the address bar once the state
// no longer matches it, so that a key does not linger there.
func (p *page) edited() {
	if p.share.restored {
		setFragment("")
	}
	p.share = shareState{}
}

func (p *page) onShare(ctx app.Context, e app.Event) {
	p.makeLink(false)
}

// onShareKey shows the warning first; the link with the key is only made
// by onShareKeyConfirm.
func (p *page) onShareKey(ctx app.Context, e app.Event) {
	p.share.warning = true
}

func (p *page) onShareKeyConfirm(ctx app.Context, e app.Event) {
	p.share.warning = false
	p.makeLink(true)
}

func (p *page) onShareCancel(ctx app.Context, e app.Event) {
	p.share.warning = false
}

func (p *page) makeLink(withKey bool) {
	setFragment(fragment(p.token, p.key, p.enc, withKey))
	p.share.link, p.share.withKey, p.share.restored = pageHref(), withKey, true
	copyText(p.share.link)
}

func (p *page) renderShare() app.UI {
	s := p.share
	return app.Div().Class("share").Body(
		app.Div().Class("row").Body(
			input.DisabledIf(app.Button().ID("share").Class("secondary").Type("button").Text("Share link"),
				p.token == "").OnClick(p.onShare),
			input.DisabledIf(app.Button().ID("share-key").Class("secondary").Type("button").Text("Share with the key…"),
				p.token == "" || p.key == "").OnClick(p.onShareKey),
		),
		app.If(s.warning, func() app.UI {
			return app.Div().ID("share-warning").Class("warning").Attr("role", "alert").Body(
				app.P().Text("The link will contain your key. Anyone who gets it can verify — and with a secret or a private key, forge — tokens. Links end up in chat logs and browser history. Share keys only for test tokens."),
				app.Div().Class("row").Body(
					app.Button().ID("share-key-confirm").Class("danger").Type("button").Text("Put the key in the link").OnClick(p.onShareKeyConfirm),
					app.Button().ID("share-key-cancel").Class("secondary").Type("button").Text("Cancel").OnClick(p.onShareCancel),
				),
			)
		}),
		app.If(s.link != "", func() app.UI {
			note := "The token is in the link's fragment (after #), which browsers never send to a server. Copied to the clipboard."
			if s.withKey {
				note = "The token and the key are in the link's fragment (after #), which browsers never send to a server. Copied to the clipboard."
			}
			return app.Div().Class("field").Body(
				app.Input().ID("share-link").Type("text").Aria("label", "Share link").ReadOnly(true).Value(s.link).DataSet("with-key", strconv.FormatBool(s.withKey)),
				app.P().Class("hint").Text(note),
			)
		}),
	)
}
