package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/authlab/authlab/wasm/bench/jwtio"
	"github.com/authlab/authlab/worker/devserver"
	"github.com/authlab/authlab/worker/workerdconf"
)

// The pages' names in the report, and the host names of their HTTPS
// fronts.
const (
	authlab = "Authlab (Go/wasm, through the worker)"
	jose    = "jose page (JS)"
	jwtIO   = "jwt.io (Next.js)"

	authlabHost = "authlab.test"
	joseHost    = "jose.test"
	jwtioHost   = "jwtio.test"
)

// sites is every origin of a run and how to stop them.
type sites struct {
	pages  []target
	fronts []*front
	// authlabBase and jwtioBase are the origins Lighthouse measures.
	authlabBase, jwtioBase string
	jwtioCommit            string
	jwtioMissing           string // why jwt.io is not measured, when it is not
	stops                  []func()
}

func (s *sites) stop() {
	for i := len(s.stops) - 1; i >= 0; i-- {
		s.stops[i]()
	}
}

// addFront serves h as https://host.
func (s *sites) addFront(host string, h http.Handler) (string, error) {
	f, err := newFront(host, h)
	if err != nil {
		return "", err
	}
	s.fronts = append(s.fronts, f)
	s.stops = append(s.stops, f.Close)
	return f.origin(), nil
}

// startSites runs the worker on workerd, with the built site as its
// static assets and a fresh D1, behind the routing of Workers static
// assets (edge); the jose page; and, when cfg names its source, jwt.io
// under `next start`. Each is reached through an HTTPS front. On error,
// what was started is stopped.
func startSites(ctx context.Context, cfg config) (s *sites, err error) {
	s = &sites{}
	defer func() {
		if err != nil {
			s.stop()
		}
	}()
	worker, err := filepath.Abs(cfg.worker)
	if err != nil {
		return s, err
	}
	conf, err := os.ReadFile(filepath.Join(worker, "wrangler.jsonc"))
	if err != nil {
		return s, err
	}
	wrangler, err := workerdconf.ParseWrangler(conf)
	if err != nil {
		return s, err
	}
	site := filepath.Join(worker, wrangler.Assets.Directory)
	w, err := devserver.GoWorker(worker, filepath.Join(worker, "build"), site)
	if err != nil {
		return s, err
	}
	state, err := os.MkdirTemp("", "authlab-webbench-")
	if err != nil {
		return s, err
	}
	s.stops = append(s.stops, func() { os.RemoveAll(state) })
	srv, err := devserver.StartDirect(ctx, devserver.Direct{Name: "authlab", WorkerDir: worker, Worker: w, State: state})
	if srv != nil {
		s.stops = append(s.stops, srv.Stop)
	}
	if err != nil {
		return s, err
	}
	if err := srv.WaitReady(ctx, time.Minute); err != nil {
		return s, err
	}
	toWorker, err := proxyTo(srv.Base)
	if err != nil {
		return s, err
	}
	e := &edge{assets: &staticFiles{root: site}, worker: toWorker, workerFirst: wrangler.Assets.RunWorkerFirst}
	if s.authlabBase, err = s.addFront(authlabHost, e); err != nil {
		return s, err
	}
	s.pages = append(s.pages, target{name: authlab, url: s.authlabBase + "/jwt", sel: authlabFields, resource: "/web/app.wasm", brotli: true, serviceWorker: true})

	baseline, err := buildBaseline(worker)
	if err != nil {
		return s, err
	}
	s.stops = append(s.stops, func() { os.RemoveAll(baseline) })
	joseOrigin, err := s.addFront(joseHost, &staticFiles{root: baseline})
	if err != nil {
		return s, err
	}
	s.pages = append(s.pages, target{name: jose, url: joseOrigin + "/", sel: joseFields, resource: "/app.js"})

	if cfg.jwtioSrc == "" {
		s.jwtioMissing = "no -jwtio-src was given"
		return s, nil
	}
	if _, err := os.Stat(cfg.jwtioSrc); err != nil {
		s.jwtioMissing = fmt.Sprintf("its source %s is absent", cfg.jwtioSrc)
		return s, nil
	}
	dir, commit, err := jwtio.Build(ctx, cfg.jwtioSrc, cfg.jwtioCache, os.Stderr)
	if err != nil {
		return s, err
	}
	next, err := jwtio.Start(ctx, dir)
	if err != nil {
		return s, err
	}
	s.stops = append(s.stops, next.Stop)
	toNext, err := proxyTo(next.Base)
	if err != nil {
		return s, err
	}
	if s.jwtioBase, err = s.addFront(jwtioHost, toNext); err != nil {
		return s, err
	}
	s.jwtioCommit = commit
	s.pages = append(s.pages, target{name: jwtIO, url: s.jwtioBase + "/", sel: jwtioFields})
	return s, nil
}
