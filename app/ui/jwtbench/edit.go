package jwtbench

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/authlab/authlab/app/jot"
)

// tokenEdit is the editing of a token through its decoded header and
// payload: the editors' texts, and the token they were filled from. An
// edit that is a JSON object makes a new token from the texts (see
// encode); one that is not leaves the token alone and says why.
type tokenEdit struct {
	from            [3]string // the token's segments when the editors were filled
	made            [3]string // the segments of the token the editors stand for
	header, payload jsonEdit
	note            string // what became of the signature at the last edit
}

// jsonEdit is the editor of a header or a payload.
type jsonEdit struct {
	base string // the text it was filled with: the decoded segment
	text string // the text in it
	err  string // why text is not a JSON object, or ""
}

// follow fills the editors from the token, unless they stand for it
// already: a token that the editors did not make replaces whatever they
// hold.
func (t *tokenEdit) follow(in *jot.Inspection) {
	if in.Raw == t.made {
		return
	}
	*t = tokenEdit{from: in.Raw, made: in.Raw}
	t.header.fill(in.HeaderJSON)
	t.payload.fill(in.PayloadJSON)
}

func (e *jsonEdit) fill(decoded []byte) {
	e.base, e.text, e.err = string(decoded), string(decoded), ""
}

// edit takes new text, and reports whether it is a JSON object that a
// token can carry (jot.CheckObject, as SignJSON checks it).
func (e *jsonEdit) edit(text string) bool {
	e.text, e.err = text, ""
	if err := jot.CheckObject([]byte(text)); err != nil {
		e.err = "Not a valid JSON object, so the token is left as it was: " + err.Error()
		return false
	}
	return true
}

// changed reports whether the text differs from the one it was filled with.
func (e *jsonEdit) changed() bool { return e.text != e.base }

// segment is the base64url segment (RFC 7515 §2) that carries the text:
// the token's own segment while the text is the one it was filled with,
// so that editing and editing back gives the token's bytes again; else
// the text itself, without the whitespace between its JSON tokens, as
// jot.SignJSON signs it. Member order, numbers and strings are kept as
// written.
func (e *jsonEdit) segment(own string) string {
	if !e.changed() {
		return own
	}
	var b bytes.Buffer
	if json.Compact(&b, []byte(e.text)) != nil {
		return own
	}
	return base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// encode returns the token that the editors' texts make. Unchanged
// texts give the token they were filled from. Otherwise sign, when
// given, signs the texts (it returns "" when it cannot); when it does
// not, the token keeps its signature, which then no longer matches.
// encode records the new token's segments as the editors' own.
func (t *tokenEdit) encode(sign func(header, payload []byte) string) string {
	var tok string
	switch {
	case !t.header.changed() && !t.payload.changed():
		tok = strings.Join(t.from[:], ".")
	case sign != nil:
		tok = sign([]byte(t.header.text), []byte(t.payload.text))
	}
	if tok == "" {
		tok = t.header.segment(t.from[0]) + "." + t.payload.segment(t.from[1]) + "." + t.from[2]
	}
	copy(t.made[:], strings.SplitN(tok, ".", 3))
	return tok
}

// splice puts token into the token input's text in place of the token
// there, keeping what jot.Clean strips around it: a "Bearer " prefix,
// quotes, a header line.
func splice(input, token string) string {
	i, j := jot.CleanBounds(input)
	return input[:i] + token + input[j:]
}

// tokenRun is a run of the token input's text, and the class that
// colours it: one of the token's segments or dots, or "" for what lies
// around the token.
type tokenRun struct{ class, text string }

// Classes of the segments of a JWS (RFC 7515 §7.1) and a JWE (RFC 7516
// §7.1), in token order, and of the dots between them.
var (
	jwsClasses = []string{"seg-header", "seg-payload", "seg-signature"}
	jweClasses = []string{"seg-header", "seg-key", "seg-iv", "seg-payload", "seg-signature"}
)

const (
	dotClass   = "seg-dot"
	extraClass = "seg-extra" // a segment beyond those of a JWS
)

// tokenRuns splits the token input's text for its highlight: what
// jot.Clean strips around the token, then each segment and each dot of
// the token, then what follows it. Joined, the runs are the text
// unchanged, so that the highlight lies exactly under the textarea's own
// text.
func tokenRuns(text string) []tokenRun {
	i, j := jot.CleanBounds(text)
	var runs []tokenRun
	add := func(class, s string) {
		if s != "" {
			runs = append(runs, tokenRun{class, s})
		}
	}
	add("", text[:i])
	token := text[i:j]
	classes := jwsClasses
	if strings.Count(token, ".") == len(jweClasses)-1 {
		classes = jweClasses
	}
	for k := 0; token != ""; k++ {
		part, rest, dot := strings.Cut(token, ".")
		class := extraClass
		if k < len(classes) {
			class = classes[k]
		}
		add(class, part)
		if dot {
			add(dotClass, ".")
		}
		token = rest
	}
	add("", text[j:])
	return runs
}
