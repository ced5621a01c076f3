package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/authlab/authlab/worker/workerdconf"
)

// project is what every variant takes from the project's own
// worker/wrangler.jsonc, so that the Go worker and the Hono worker always
// run with the configured parameters, such as PBKDF2_ITERATIONS.
type project struct {
	CompatibilityDate string
	Vars              map[string]string
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
	w, err := workerdconf.ParseWrangler(jsonc)
	if err != nil {
		return nil, err
	}
	return &project{CompatibilityDate: w.CompatibilityDate, Vars: w.Vars}, nil
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
