//go:build e2e

package e2e_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

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
	sum := sha256.Sum256(cert.Leaf.RawSubjectPublicKeyInfo)
	o := &tlsOrigin{host: host, pool: pool, spki: base64.StdEncoding.EncodeToString(sum[:])}
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
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: host}, DNSNames: []string{host},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
