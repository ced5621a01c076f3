package main

import (
	"context"
	"os"

	"github.com/authlab/authlab/wasm/bench/lhsuite"
)

// lighthouseTable runs Lighthouse on Authlab's /, /jwt and /oauth and on
// jwt.io's /, when it runs, through the same HTTPS fronts as the
// browser measurements, and then traces Authlab's pages for the main
// thread's CPU share of their long tasks (lhsuite.ShareMarkdown), the
// resolution of the blocking times above.
func lighthouseTable(ctx context.Context, cfg config, s *sites, flags []string) (string, error) {
	all := []lhsuite.Site{{Label: "Authlab", Base: s.authlabBase, Pages: []string{"/", "/jwt", "/oauth"}}}
	if s.jwtioBase != "" {
		all = append(all, lhsuite.Site{Label: "jwt.io", Base: s.jwtioBase, Pages: []string{"/"}})
	}
	res, err := lhsuite.Measure(ctx, lhsuite.Options{Sites: all, Runs: cfg.lhRuns, WorkerDir: cfg.worker, Flags: flags, Log: os.Stderr})
	if err != nil {
		return "", err
	}
	share, err := lhsuite.ShareMarkdown(ctx, all[:1], cfg.lhRuns, flags)
	if err != nil {
		return "", err
	}
	return res.Markdown() + share, nil
}
