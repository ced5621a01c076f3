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
	header := seg(jel("div", "class", "segment").body(
		jel("h2", "class", "seg-title seg-header").with(headerTitle(in)),
		(&jsonView{ID: "header", JSON: in.HeaderJSON, Valid: in.Header != nil}).node(),
	), 0, at)
	var rest jnode
	if !in.JWE || in.Payload != nil { // a decrypted JWE's claims show as its payload
		payload := seg(jel("div", "class", "segment").body(
			jel("h2", "class", "seg-title seg-payload").with("Payload"),
			(&jsonView{ID: "payload", JSON: in.PayloadJSON, Valid: in.Payload != nil}).node(),
		), 0, at+1, 0)
		signature := seg(signatureView(in), 0, at+1, 1)
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

// maxColored is the largest token repeated in colour under the input.
const maxColored = 16 << 10

func coloredToken(in *jot.Inspection, token string) jnode {
	p := jel("p", "id", "encoded", "class", "encoded")
	if in.JWE {
		parts := strings.Split(jot.Clean(token), ".")
		classes := []string{"seg-header", "seg-key", "seg-iv", "seg-payload", "seg-signature"}
		for i, part := range parts {
			if i < len(parts)-1 {
				part += "."
			}
			p.kids = append(p.kids, jel("span", "class", classes[i%len(classes)]).with(part))
		}
		return p
	}
	return p.body(
		jel("span", "class", "seg-header").with(in.Raw[0]), jtext("."),
		jel("span", "class", "seg-payload").with(in.Raw[1]), jtext("."),
		jel("span", "class", "seg-signature").with(in.Raw[2]),
	)
}

func signatureView(in *jot.Inspection) jnode {
	text := "(no signature)"
	if len(in.Signature) > 0 {
		text = app.FormatString("%d bytes: %x", len(in.Signature), in.Signature)
	}
	return jel("div", "class", "segment").body(
		jel("h2", "class", "seg-title seg-signature").with("Signature"),
		jel("pre", "id", "signature", "class", "json seg-signature").with(text),
	)
}
