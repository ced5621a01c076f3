package discovery_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/discovery"
	"github.com/authlab/authlab/app/keys"
)

// now is the clock of every test; the test certificates are valid from
// validFrom to validTo.
var (
	now       = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	validFrom = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	validTo   = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	clock     = discovery.WithTimeFunc(func() time.Time { return now })
)

// answer is what a URL answers in a site.
type answer struct {
	status int
	body   string
	err    error
}

// site is an in-memory web: URL → answer, 404 for any other URL. It
// records the URLs asked for.
type site struct {
	pages map[string]answer
	asked []string
}

func (s *site) fetch(_ context.Context, u string) (int, http.Header, []byte, error) {
	s.asked = append(s.asked, u)
	a, ok := s.pages[u]
	if !ok {
		return http.StatusNotFound, http.Header{}, []byte("not found"), nil
	}
	if a.err != nil {
		return 0, nil, nil, a.err
	}
	if a.status == 0 {
		a.status = http.StatusOK
	}
	return a.status, http.Header{"Content-Type": {"application/json"}}, []byte(a.body), nil
}

func testdata(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func ecKey(t testing.TB) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// rsaKey is the 2048-bit test key in testdata, so that no test waits for
// RSA key generation.
func rsaKey(t testing.TB) *keys.Key {
	t.Helper()
	k, err := keys.ParsePEM([]byte(testdata(t, "rsa2048.pem")))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// cert makes a certificate for pub signed by parent's key (self-signed
// when parent is nil).
func cert(t testing.TB, cn string, pub any, parent *x509.Certificate, parentKey any, ca bool, from, to time.Time) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: cn},
		NotBefore: from, NotAfter: to, BasicConstraintsValid: true, IsCA: ca,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
	}
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, parentKey)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// chain is a root CA, an intermediate and a leaf for leafPub.
func chain(t testing.TB, leafPub any, from, to time.Time) []*x509.Certificate {
	rootKey, interKey := ecKey(t), ecKey(t)
	root := cert(t, "Test Root", &rootKey.PublicKey, nil, rootKey, true, validFrom, validTo)
	inter := cert(t, "Test Intermediate", &interKey.PublicKey, root, rootKey, true, validFrom, validTo)
	leaf := cert(t, "Test Signing Key", leafPub, inter, interKey, false, from, to)
	return []*x509.Certificate{leaf, inter, root}
}

// jwk writes pub as a JWK with the given members, and x5c and x5t#S256
// of certs when there are any.
func jwk(t testing.TB, pub any, members map[string]any, certs ...*x509.Certificate) map[string]any {
	t.Helper()
	j, err := keys.PublicJWK(pub)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(j)
	var m map[string]any
	json.Unmarshal(b, &m)
	for k, v := range members {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	if len(certs) > 0 {
		var x5c []string
		for _, c := range certs {
			x5c = append(x5c, base64.StdEncoding.EncodeToString(c.Raw))
		}
		m["x5c"] = x5c
		sum := sha256.Sum256(certs[0].Raw)
		if _, set := m["x5t#S256"]; !set {
			m["x5t#S256"] = base64.RawURLEncoding.EncodeToString(sum[:])
		}
	}
	return m
}

func jwks(t testing.TB, ks ...map[string]any) string {
	t.Helper()
	b, err := json.Marshal(map[string]any{"keys": ks})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func kinds(r *discovery.Report) string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, string(f.Kind))
	}
	return strings.Join(out, ",")
}

func asCerts(l []any) []*x509.Certificate {
	out := make([]*x509.Certificate, len(l))
	for i, c := range l {
		out[i] = c.(*x509.Certificate)
	}
	return out
}
