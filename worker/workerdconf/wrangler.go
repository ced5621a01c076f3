package workerdconf

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Wrangler is what a direct run takes from a wrangler configuration
// (wrangler.jsonc): the compatibility date, the vars and how static
// assets are routed.
type Wrangler struct {
	CompatibilityDate string            `json:"compatibility_date"`
	Vars              map[string]string `json:"-"`
	RawVars           map[string]any    `json:"vars"`
	Assets            Assets            `json:"assets"`
}

// Assets is the static-assets section: the folder, and the paths that
// reach the worker even where an asset of that name exists.
type Assets struct {
	Directory      string   `json:"directory"`
	HTMLHandling   string   `json:"html_handling"`
	RunWorkerFirst []string `json:"run_worker_first"`
}

// ParseWrangler reads a wrangler.jsonc. Vars that are not strings are
// passed on as wrangler passes them: numbers and booleans as text,
// anything else as JSON.
func ParseWrangler(jsonc []byte) (*Wrangler, error) {
	p := &Wrangler{}
	if err := json.Unmarshal(stripJSONC(jsonc), p); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrConfig, err)
	}
	if p.CompatibilityDate == "" {
		return nil, fmt.Errorf("%w: no compatibility_date", ErrConfig)
	}
	p.Vars = map[string]string{}
	for name, v := range p.RawVars {
		switch v := v.(type) {
		case string:
			p.Vars[name] = v
		case float64, bool:
			p.Vars[name] = fmt.Sprint(v)
		default: // wrangler passes objects as JSON; the workers read strings only
			b, _ := json.Marshal(v)
			p.Vars[name] = string(b)
		}
	}
	return p, nil
}

// stripJSONC turns JSON with comments (// and /* */) and trailing commas,
// as wrangler accepts, into JSON.
func stripJSONC(in []byte) []byte {
	var out []byte
	for i := 0; i < len(in); i++ {
		switch c := in[i]; {
		case c == '"':
			j := i + 1
			for ; j < len(in) && in[j] != '"'; j++ {
				if in[j] == '\\' {
					j++
				}
			}
			out = append(out, in[i:min(j+1, len(in))]...)
			i = j
		case c == '/' && i+1 < len(in) && in[i+1] == '/':
			for i < len(in) && in[i] != '\n' {
				i++
			}
			out = append(out, '\n')
		case c == '/' && i+1 < len(in) && in[i+1] == '*':
			end := strings.Index(string(in[i+2:]), "*/")
			if end < 0 {
				return out
			}
			i += end + 3
		case c == ',':
			// A comma followed only by blanks, and comments already gone,
			// before a closing bracket is a trailing one.
			rest := stripJSONC(in[i+1:])
			if t := strings.TrimLeft(string(rest), " \t\r\n"); t != "" && (t[0] == '}' || t[0] == ']') {
				return append(out, rest...)
			}
			return append(append(out, ','), rest...)
		default:
			out = append(out, c)
		}
	}
	return out
}
