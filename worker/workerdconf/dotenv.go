package workerdconf

import (
	"encoding/json"
	"fmt"
	"strings"
)

// ParseDotenv reads a dotenv file such as worker/.dev.vars, as wrangler
// reads it for secrets: NAME=value lines, values optionally in single or
// double quotes, blank lines and lines starting with # ignored. A later
// line wins over an earlier one with the same name.
func ParseDotenv(text string) (map[string]string, error) {
	vars := map[string]string{}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " \t") {
			return nil, fmt.Errorf("%w: dotenv line %d is not NAME=value", ErrConfig, i+1)
		}
		value = strings.TrimSpace(value)
		if n := len(value); n >= 2 && (value[0] == '\'' || value[0] == '"') && value[n-1] == value[0] {
			value = value[1 : n-1]
		}
		vars[name] = value
	}
	return vars, nil
}

// jsonString is s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
