package jwtbench

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// paneNode is the right-hand pane, and its pieces that paint replaces one
// by one when only some of them change: the hint, or the problems, the
// header, payload, signature and claims segments; and the lint findings.
func (p *page) paneNode() (jnode, []seg) {
	var segs []seg
	seg := func(n jnode, path ...int) jnode {
		h := n.html()
		segs = append(segs, seg{path: path, html: h})
		return jnode{tag: jRaw, text: h}
	}
	empty := strings.TrimSpace(p.token) == ""
	var decoded jnode
	if empty {
		decoded = seg(jel("p", "class", "hint").with("The decoded header, payload and signature, the claims and the lint findings appear here."), 0)
	} else {
		decoded = p.decodedNode(seg)
	}
	lv := &lintView{Findings: p.lint, Decoded: !empty}
	if !empty && len(p.lint) == 0 && p.in != nil && (p.in.Header == nil || p.in.Payload == nil) {
		lv.Broken = "the token could not be decoded, so there is no header and claims set to check against RFC 8725. The problems are named above."
	}
	lint := seg(lv.node(), 1)
	return jel("section", "id", paneID, "class", "pane").body(decoded, lint), segs
}

// decodedNode is the decoded token; seg records each piece at its path.
func (p *page) decodedNode(seg func(n jnode, path ...int) jnode) jnode {
	in := p.in
	var problems jnode
	at := 0
	if in.Err() != nil {
		items := make([]jnode, len(in.Errors))
		for i, err := range in.Errors {
			items[i] = jel("li").with(err.Error())
		}
		list := jel("ul")
		list.kids = items
		problems = seg(jel("div", "id", "problems", "class", "problems", "role", "alert").body(
			jel("strong").with(problemTitle(in)),
			list,
		), 0, at)
		at++
	}
	// A JWS's header and payload are editors (see tokenEdit).
	editable := in.Segments == 3 && !in.JWE && p.jwe.res == nil
	var header jnode
	if editable {
		header = editorSegment(seg, "header", headerTitle(in), &p.te.header, 0, at)
	} else {
		header = seg(jel("div", "class", "segment").body(
			jel("h2", "class", "seg-title seg-header").with(headerTitle(in)),
			(&jsonView{ID: "header", JSON: in.HeaderJSON, Valid: in.Header != nil}).node(),
		), 0, at)
	}
	var rest jnode
	if !in.JWE || in.Payload != nil { // a decrypted JWE's claims show as its payload
		var payload jnode
		if editable {
			payload = editorSegment(seg, "payload", "Payload", &p.te.payload, 0, at+1, 0)
		} else {
			payload = seg(jel("div", "class", "segment").body(
				jel("h2", "class", "seg-title seg-payload").with("Payload"),
				(&jsonView{ID: "payload", JSON: in.PayloadJSON, Valid: in.Payload != nil}).node(),
			), 0, at+1, 0)
		}
		signature := seg(signatureView(in, p.te.note), 0, at+1, 1)
		var claims jnode
		if in.Payload != nil {
			skew := time.Duration(p.skew) * time.Second
			claims = seg(jel("div", "class", "segment").body(
				jel("h2", "class", "seg-title").with("Claims"),
				(&claimsView{Claims: in.Payload, Now: p.now, Skew: skew}).node(),
				(&timelineView{Timeline: jot.NewTimeline(in.Payload, p.now, skew)}).node(),
			), 0, at+1, 2)
		}
		rest = jel("div").body(payload, signature, claims)
	}
	return jel("div").body(problems, header, rest)
}

func problemTitle(in *jot.Inspection) string {
	if in.JWE {
		return "This is a JWE: an encrypted token"
	}
	return "This token is malformed"
}

func headerTitle(in *jot.Inspection) string {
	if in.JWE {
		return "JWE protected header"
	}
	return "Header"
}

// signatureView is the signature, and what editing the JSON did to it.
func signatureView(in *jot.Inspection, note string) jnode {
	text := "(no signature)"
	if len(in.Signature) > 0 {
		text = app.FormatString("%d bytes: %x", len(in.Signature), in.Signature)
	}
	return jel("div", "class", "segment").body(
		jel("h2", "class", "seg-title seg-signature").with("Signature"),
		jel("pre", "id", "signature", "class", "json seg-signature").with(text),
		noteNode(note),
	)
}

func noteNode(note string) jnode {
	if note == "" {
		return jnode{}
	}
	return jel("p", "id", "resign-note", "class", "hint").with(note)
}

// editorSegment is a decoded header or payload as an editor: its title,
// which labels the textarea, the text coloured under the textarea, and
// the line that says why the text is refused. seg records each of these
// at its path under path, but not the textarea: paint keeps its value in
// step (see output.syncEditors) instead of replacing it, so that typing
// in it keeps its caret, selection and undo.
func editorSegment(seg func(n jnode, path ...int) jnode, id, title string, e *jsonEdit, path ...int) jnode {
	at := func(k ...int) []int { return append(append([]int(nil), path...), k...) }
	editID, errID := id+"-json", id+"-json-error"
	invalid := ""
	if e.err != "" {
		invalid = "true"
	}
	return jel("div", "class", "segment").body(
		seg(jel("h2", "class", "seg-title seg-"+id).body(jel("label", "for", editID).with(title)), at(0)...),
		jel("div", "class", "overlay").body(
			seg((&jsonView{ID: id, JSON: []byte(e.text), Backdrop: true}).node(), at(1, 0)...),
			// The parser drops a first newline: the one written here.
			jel("textarea", "id", editID, "class", "json json-edit", "spellcheck", "false", "autocomplete", "off",
				"autocapitalize", "off", "placeholder", "A JSON object", "aria-describedby", errID,
				"aria-invalid", invalid).with("\n"+e.text),
		),
		seg(jel("p", "id", errID, "class", "field-error", "role", "alert").with(e.err), at(2)...),
	)
}
