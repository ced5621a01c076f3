package jwtbench

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// highlightID is the id of the token coloured under the token input.
const highlightID = "token-highlight"

// maxColored is the largest token input coloured by segment; a larger
// one is shown as the textarea's own text.
const maxColored = 16 << 10

// tokenHighlight is the token input's text coloured by segment (see
// tokenRuns), which shows through the textarea's transparent text. It
// is hidden from assistive technology, which reads the textarea. Its
// class "on" makes the textarea's text transparent: an empty or too
// large input is not coloured, and the textarea shows it.
func tokenHighlight(text string) jnode {
	n := jel("div", "id", highlightID, "class", "token-input highlight", "aria-hidden", "true")
	if text == "" || len(text) > maxColored {
		return n
	}
	n.attrs[3] += " on"
	for _, r := range tokenRuns(text) {
		if r.class == "" {
			n.kids = append(n.kids, jtext(r.text))
		} else {
			n.kids = append(n.kids, jel("span", "class", r.class).with(r.text))
		}
	}
	// A textarea shows a line after a final newline, and a div does not.
	if strings.HasSuffix(text, "\n") {
		n.kids = append(n.kids, jtext(" "))
	}
	return n
}

// paneShell is the right-hand pane as go-app renders it. In the browser
// it listens for the input events of the header's and payload's
// textareas, which paint writes into it.
func (p *page) paneShell() app.UI {
	if !app.IsClient {
		return p.out.pane.shell()
	}
	return app.Section().ID(paneID).Class("pane").OnInput(p.onEdit)
}

// onEdit makes the token anew from the edited header or payload: when
// the text is a JSON object, the token's segment becomes its base64url,
// and the token is signed again when a key on the page can sign it (see
// resign). Text that is not a JSON object leaves the token as it is, and
// the editor says why.
func (p *page) onEdit(ctx app.Context, e app.Event) {
	target := e.Get("target")
	var ed *jsonEdit
	switch target.Get("id").String() {
	case "header-json":
		ed = &p.te.header
	case "payload-json":
		ed = &p.te.payload
	default:
		ctx.PreventUpdate()
		return
	}
	before := p.view()
	if ed.edit(target.Get("value").String()) {
		p.te.note = ""
		p.token = splice(p.token, p.te.encode(p.resign))
		// As onToken, the page writes the token, not go-app.
		if el := app.Window().GetElementByID("token"); el.Truthy() {
			el.Set("value", p.token)
		}
		p.edited()
	}
	p.refresh()
	if p.view() == before {
		ctx.PreventUpdate()
	}
}

// resign signs edited JSON with jot.SignJSON and the first key on the
// page that can sign its alg: the key above (a secret or a private key),
// then the signing form's. It returns "" when none can, and says in the
// edit's note what became of the signature.
func (p *page) resign(header, payload []byte) string {
	type candidate struct {
		key   *keys.Key
		where string
	}
	var cs []candidate
	if p.km != nil && p.km.Err == nil && p.km.Set != nil {
		for _, k := range p.km.Set.Keys {
			if k.Private != nil {
				cs = append(cs, candidate{k, "the key above"})
			}
		}
	}
	if k, _ := p.sign.signingKey(); k != nil {
		cs = append(cs, candidate{k, "the signing form's key"})
	}
	why := "there is no secret or private key on the page"
	for i, c := range cs {
		tok, err := jot.SignJSON(header, payload, c.key)
		if err == nil {
			p.te.note = "Signed again with " + c.where + " as you edit."
			return tok
		}
		if i == 0 {
			why = err.Error()
		}
	}
	p.te.note = "Not signed again (" + why + "): the signature is the token's own, so it no longer matches the edited JSON."
	return ""
}
