package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// project is what every variant takes from the project's own
// worker/wrangler.jsonc, so that the Go worker and the Hono worker always
// run with the configured parameters, such as PBKDF2_ITERATIONS.
type project struct {
	CompatibilityDate string            `json:"compatibility_date"`
	Vars              map[string]string `json:"-"`
	RawVars           map[string]any    `json:"vars"`
}

// readProject reads worker/wrangler.jsonc.
func readProject(cfg *config) (*project, error) {
	path := filepath.Join(cfg.worker(), "wrangler.jsonc")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p, err := parseProject(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

func parseProject(jsonc []byte) (*project, error) {
	p := &project{}
	if err := json.Unmarshal(stripJSONC(jsonc), p); err != nil {
		return nil, err
	}
	if p.CompatibilityDate == "" {
		return nil, fmt.Errorf("no compatibility_date")
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

// iterations is PBKDF2_ITERATIONS written for people, "100,000".
func (p *project) iterations() string {
	n, err := strconv.Atoi(p.Vars["PBKDF2_ITERATIONS"])
	if err != nil {
		return p.Vars["PBKDF2_ITERATIONS"]
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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
