package main

import (
	"crypto/tls"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"

	"github.com/authlab/authlab/worker/devserver"
)

// front is an HTTPS origin on a loopback port, https://host, in front of
// local servers. Chromium only asks for brotli and zstd over HTTPS, as
// it does of a deployed site, so every page is measured through one: the
// browser's Accept-Encoding reaches the server behind unchanged, and its
// answer, encoded as that server chose, comes back unchanged. It speaks
// HTTP/2, as the edge does.
type front struct {
	host string
	srv  *httptest.Server
	spki string // base64 SHA-256 of the certificate's public key
}

// proxyTo is a reverse proxy to backend that keeps the public host name.
func proxyTo(backend string) (http.Handler, error) {
	target, err := url.Parse(backend)
	if err != nil {
		return nil, err
	}
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			r.Out.Host = r.In.Host // the worker and Next see the public host
			r.SetXForwarded()
		},
		FlushInterval: -1, // stream as it comes, as the edge does
	}, nil
}

// newFront serves h as https://host.
func newFront(host string, h http.Handler) (*front, error) {
	cert, _, err := devserver.SelfSigned(host)
	if err != nil {
		return nil, err
	}
	srv := httptest.NewUnstartedServer(h)
	srv.EnableHTTP2 = true
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	return &front{host: host, srv: srv, spki: devserver.SPKIHash(cert)}, nil
}

func (f *front) origin() string { return "https://" + f.host }

func (f *front) Close() { f.srv.Close() }

// chromiumTrusts are the chromium flags under which each front's host
// resolves to its loopback port and its certificate is trusted by the
// hash of its public key.
func chromiumTrusts(fronts ...*front) []string {
	var rules, spkis []string
	for _, f := range fronts {
		rules = append(rules, fmt.Sprintf("MAP %s:443 %s", f.host, f.srv.Listener.Addr()))
		spkis = append(spkis, f.spki)
	}
	return []string{
		"--host-resolver-rules=" + strings.Join(rules, ", "),
		"--ignore-certificate-errors-spki-list=" + strings.Join(spkis, ","),
	}
}
