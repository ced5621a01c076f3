//go:build e2e

package e2e_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authlab/authlab/worker/devserver"
	"github.com/chromedp/chromedp"
)

// tlsOrigin is a handler served over TLS on a loopback port as
// https://host, with a self-signed certificate made for host. chromium
// reaches it with the options of chromiumTrusts; Go with httpClient.
type tlsOrigin struct {
	host string
	srv  *httptest.Server
	pool *x509.CertPool
	spki string // base64 SHA-256 of the certificate's public key
}

// serveTLS serves h as https://host until the test ends.
func serveTLS(t *testing.T, host string, h http.Handler) *tlsOrigin {
	t.Helper()
	cert, pool := selfSigned(t, host)
	o := &tlsOrigin{host: host, pool: pool, spki: devserver.SPKIHash(cert)}
	o.srv = httptest.NewUnstartedServer(h)
	o.srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	o.srv.StartTLS()
	t.Cleanup(o.srv.Close)
	return o
}

// origin is the origin the browser knows the server by.
func (o *tlsOrigin) origin() string { return "https://" + o.host }

func (o *tlsOrigin) port() int { return o.srv.Listener.Addr().(*net.TCPAddr).Port }

// httpClient is an HTTP client that reaches the server under its host name,
// trusts its certificate and does not follow redirects.
func (o *tlsOrigin) httpClient() *http.Client {
	addr := o.srv.Listener.Addr().String()
	return &http.Client{
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: o.pool},
			DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
				return (&net.Dialer{}).DialContext(ctx, network, addr)
			},
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// chromiumTrusts are the chromium options under which https://host of
// each origin resolves to its loopback port and its certificate is
// trusted, by the hash of its public key.
func chromiumTrusts(origins ...*tlsOrigin) []chromedp.ExecAllocatorOption {
	var rules, spkis []string
	for _, o := range origins {
		rules = append(rules, "MAP "+o.host+":443 127.0.0.1:"+itoa(o.port()))
		spkis = append(spkis, o.spki)
	}
	return []chromedp.ExecAllocatorOption{
		chromedp.Flag("host-resolver-rules", strings.Join(rules, ", ")),
		chromedp.Flag("ignore-certificate-errors-spki-list", strings.Join(spkis, ",")),
	}
}

func selfSigned(t *testing.T, host string) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	cert, pool, err := devserver.SelfSigned(host)
	if err != nil {
		t.Fatal(err)
	}
	return cert, pool
}
