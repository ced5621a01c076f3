package jwtbench

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
)

// maxHighlight is the largest JSON text coloured token by token; larger
// text is shown plain, so that a huge claim set does not stall the page.
const maxHighlight = 16 << 10

// maxRaw is how much of a segment that is not JSON is shown.
const maxRaw = 4 << 10

// jsonView shows a token's decoded header or payload as pretty JSON, with
// names, strings, numbers and literals coloured. Top-level names carry a
// tooltip explaining the claim or header parameter, and NumericDates one
// with the date.
type jsonView struct {
	app.Compo
	ID      string // "header" or "payload": the element id and the kind of object
	JSON    []byte // pretty-printed JSON, or the raw bytes when it is not JSON
	Valid   bool   // JSON is a valid object
	Problem string // why the segment could not be decoded, when it could not
	// Backdrop is set when the view lies under an editor's textarea, as
	// the colour of its text: it is hidden from assistive technology,
	// which reads the textarea, and shows JSON whole, valid or not.
	Backdrop bool
}

// Render shows the segment.
func (v *jsonView) Render() app.UI {
	n := v.node()
	return n.ui()
}

func (v *jsonView) node() jnode {
	class := "json seg-" + v.ID
	if v.Backdrop {
		return v.backdrop(class)
	}
	switch {
	case v.JSON == nil:
		return jel("pre", "id", v.ID, "class", class+" empty").with("(could not be decoded)")
	case !v.Valid && len(v.JSON) > maxRaw:
		return jel("pre", "id", v.ID, "class", class).with(string(v.JSON[:maxRaw]) + "… (" + strconv.Itoa(len(v.JSON)-maxRaw) + " more bytes)")
	case !v.Valid || len(v.JSON) > maxHighlight:
		return jel("pre", "id", v.ID, "class", class).with(string(v.JSON))
	}
	n := jel("pre", "id", v.ID, "class", class)
	n.kids = highlight(v.JSON, v.ID == "payload")
	return n
}

// backdrop is the text of an editor, coloured. A textarea shows a line
// after a final newline, and a pre does not: a space stands for it.
func (v *jsonView) backdrop(class string) jnode {
	n := jel("pre", "id", v.ID, "class", class+" backdrop", "aria-hidden", "true")
	if len(v.JSON) <= maxHighlight {
		n.kids = highlight(v.JSON, v.ID == "payload")
	} else {
		n.kids = []jnode{jtext(string(v.JSON))}
	}
	if len(v.JSON) > 0 && v.JSON[len(v.JSON)-1] == '\n' {
		n.kids = append(n.kids, jtext(" "))
	}
	return n
}

// highlight splits pretty JSON into text and coloured spans. Plain runs
// are merged, so the element's text is the JSON unchanged.
func highlight(b []byte, claims bool) []jnode {
	var (
		out   []jnode
		plain []byte
		depth int
		name  string // the last top-level member name
	)
	flush := func() {
		if len(plain) > 0 {
			out = append(out, jtext(string(plain)))
			plain = plain[:0]
		}
	}
	span := func(class, text, title string) {
		flush()
		out = append(out, jel("span", "class", class, "title", title).with(text))
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '"':
			end := i + 1
			for end < len(b) && b[end] != '"' {
				if b[end] == '\\' {
					end++
				}
				end++
			}
			end = min(end+1, len(b))
			text := string(b[i:end])
			if j := skipSpace(b, end); j < len(b) && b[j] == ':' {
				title := ""
				if depth == 1 {
					name, _ = strconv.Unquote(text)
					title = docTitle(name, claims)
				}
				span("j-key", text, title)
			} else {
				span("j-str", text, "")
			}
			i = end
		case c == '-' || c >= '0' && c <= '9':
			end := i
			for end < len(b) && (b[end] >= '0' && b[end] <= '9' || b[end] == '.' || b[end] == 'e' || b[end] == 'E' || b[end] == '+' || b[end] == '-') {
				end++
			}
			title := ""
			if depth == 1 && claims {
				title = dateTitle(name, string(b[i:end]))
			}
			span("j-num", string(b[i:end]), title)
			i = end
		case c == 't' || c == 'f' || c == 'n':
			end := i
			for end < len(b) && b[end] >= 'a' && b[end] <= 'z' {
				end++
			}
			span("j-lit", string(b[i:end]), "")
			i = end
		default:
			switch c {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
			plain = append(plain, c)
			i++
		}
	}
	flush()
	return out
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
		i++
	}
	return i
}

func docTitle(name string, claims bool) string {
	lookup := jot.HeaderInfo
	if claims {
		lookup = jot.ClaimInfo
	}
	if d, ok := lookup(name); ok {
		return d.Title + " (" + d.Ref + "): " + d.Text
	}
	return ""
}

func dateTitle(name, number string) string {
	if d, ok := jot.ClaimInfo(name); !ok || !d.Time {
		return ""
	}
	f, err := strconv.ParseFloat(number, 64)
	if err != nil || f > 1e11 || f < -1e11 {
		return ""
	}
	t := time.Unix(int64(f), 0)
	return t.UTC().Format(utcLayout) + " · " + t.Local().Format(localLayout) + " · " + jot.Relative(t, time.Now())
}

// Time layouts of the workbench.
const (
	utcLayout   = "2006-01-02 15:04:05 UTC"
	localLayout = "Mon 2 Jan 2006 15:04:05 MST"
)
