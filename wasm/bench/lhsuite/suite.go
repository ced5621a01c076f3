// Package lhsuite runs Lighthouse (package worker/lighthouse) on pages of
// several sites, each page several times, interleaved, and renders the
// median and range of each figure as a Markdown table: the performance
// score, Largest Contentful Paint, Total Blocking Time, and the
// accessibility and best-practices scores. The Lighthouse command and
// the front-end benchmark both use it.
package lhsuite

import (
	"context"
	"fmt"
	"io"

	"github.com/authlab/authlab/worker/lighthouse"
)

// Site is one origin under measurement and the paths of it to measure.
type Site struct {
	Label, Base string
	Pages       []string
}

// Options say what a run measures and how.
type Options struct {
	Sites     []Site
	Runs      int
	WorkerDir string   // the folder whose node_modules has Lighthouse
	Flags     []string // more chromium flags (lighthouse.Options.Flags)
	Log       io.Writer
}

// Result is every run of every page of every site.
type Result struct {
	Sites   []Site
	Runs    int
	samples map[key]*series
}

// Measure runs Lighthouse o.Runs times on each page of each site,
// alternating which site goes first.
func Measure(ctx context.Context, o Options) (*Result, error) {
	res := &Result{Sites: o.Sites, Runs: o.Runs, samples: map[key]*series{}}
	for i := 0; i < o.Runs; i++ {
		for _, p := range pages(o.Sites) {
			for j := range o.Sites {
				s := o.Sites[(i+j)%len(o.Sites)]
				if !has(s.Pages, p) {
					continue
				}
				r, err := lighthouse.Run(ctx, lighthouse.Options{WorkerDir: o.WorkerDir, URL: s.Base + p, Flags: o.Flags,
					Categories: []string{"performance", "accessibility", "best-practices"}})
				if err != nil {
					return nil, err
				}
				k := key{s.Label, p}
				if res.samples[k] == nil {
					res.samples[k] = &series{}
				}
				m, err := res.samples[k].add(r)
				if err != nil {
					return nil, fmt.Errorf("%s %s: %w", s.Label, p, err)
				}
				if o.Log != nil {
					fmt.Fprintf(o.Log, "lighthouse run %d, %s %s: %s\n", i+1, s.Label, p, m)
				}
			}
		}
	}
	return res, nil
}

// pages lists every site's pages once, in the order first named.
func pages(sites []Site) []string {
	var out []string
	for _, s := range sites {
		for _, p := range s.Pages {
			if !has(out, p) {
				out = append(out, p)
			}
		}
	}
	return out
}

func has(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
