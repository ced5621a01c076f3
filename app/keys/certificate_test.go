package keys_test

import (
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"errors"
	"math/big"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/keys"
)

// v3Certificate is a self-signed certificate for pub, signed by priv, with
// the extensions a real leaf carries (RFC 5280 §4.2), so that the key is
// read past names, dates and extensions that this package does not parse.
func v3Certificate(t testing.TB, pub crypto.PublicKey, priv crypto.Signer) []byte {
	t.Helper()
	u, _ := url.Parse("spiffe://authlab.test/worker")
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(20261205), Subject: pkix.Name{CommonName: "authlab.test", Organization: []string{"Authlab"}},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4102444800, 0),
		DNSNames: []string{"authlab.test", "*.authlab.test"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		URIs: []*url.URL{u}, EmailAddresses: []string{"ops@authlab.test"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, SubjectKeyId: []byte{1, 2, 3, 4}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// v1Certificate re-encodes a certificate's fields as version 1 (RFC 5280
// §4.1.2.1: no version field, no extensions), which crypto/x509 reads
// but cannot write. Its signature is not valid, which no key reader
// checks.
func v1Certificate(t testing.TB, v3 []byte) []byte {
	t.Helper()
	c, err := x509.ParseCertificate(v3)
	if err != nil {
		t.Fatal(err)
	}
	var outer struct {
		TBS       asn1.RawValue
		Algorithm asn1.RawValue
		Signature asn1.BitString
	}
	if _, err := asn1.Unmarshal(v3, &outer); err != nil {
		t.Fatal(err)
	}
	raw := func(der []byte) asn1.RawValue { return asn1.RawValue{FullBytes: der} }
	validity := mustDER(asn1.Marshal(struct{ NotBefore, NotAfter time.Time }{c.NotBefore.UTC(), c.NotAfter.UTC()}))
	tbs := mustDER(asn1.Marshal(struct {
		Serial                                  *big.Int
		Alg, Issuer, Validity, Subject, KeyInfo asn1.RawValue
	}{c.SerialNumber, outer.Algorithm, raw(c.RawIssuer), raw(validity), raw(c.RawSubject), raw(c.RawSubjectPublicKeyInfo)}))
	return mustDER(asn1.Marshal(struct {
		TBS, Alg  asn1.RawValue
		Signature asn1.BitString
	}{raw(tbs), outer.Algorithm, outer.Signature}))
}

// TestCertificateKeyAsX509 holds the key read from a CERTIFICATE block to
// crypto/x509's: for every key type this package reads, in a version 3
// certificate with extensions and in a version 1 one.
func TestCertificateKeyAsX509(t *testing.T) {
	k := pemKeys()
	for name, signer := range map[string]crypto.Signer{"RSA": k.rsa, "P-256": k.ec, "Ed25519": k.ed} {
		v3 := v3Certificate(t, signer.Public(), signer)
		for version, der := range map[string][]byte{"v3": v3, "v1": v1Certificate(t, v3)} {
			t.Run(name+" "+version, func(t *testing.T) {
				want, err := x509.ParseCertificate(der)
				if err != nil {
					t.Fatalf("crypto/x509 refuses the certificate: %v", err)
				}
				if version == "v1" && want.Version != 1 {
					t.Fatalf("built a version %d certificate", want.Version)
				}
				got, err := keys.ParsePEM([]byte(pemBlock("CERTIFICATE", der)))
				if err != nil {
					t.Fatal(err)
				}
				if !samePublic(got.Public, want.PublicKey) || got.Private != nil {
					t.Errorf("key %T differs from crypto/x509's %T", got.Public, want.PublicKey)
				}
			})
		}
	}
}

// TestCertificateRefuses checks that what is not a certificate fails with
// ErrPEM, named, and yields no key.
func TestCertificateRefuses(t *testing.T) {
	k := pemKeys()
	spki := mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))
	version := func(v int) []byte { // k.cert with its version field set to v
		der := append([]byte(nil), k.cert...)
		i := strings.Index(string(der), "\xa0\x03\x02\x01\x02")
		if i < 0 {
			t.Fatal("no version field in the test certificate")
		}
		der[i+4] = byte(v)
		return der
	}
	tests := map[string][]byte{
		"empty":                      {},
		"a bare public key":          spki,
		"truncated":                  k.cert[:len(k.cert)-9],
		"trailing bytes":             append(append([]byte(nil), k.cert...), 0),
		"version 4":                  version(3),
		"serial as an octet string":  []byte(strings.Replace(string(k.cert), "\x02\x01\x01\x30", "\x04\x01\x01\x30", 1)),
		"a key that is no key":       []byte(strings.Replace(string(k.cert), string(spki), string(mustDER(asn1.Marshal([]int{1, 2})))+strings.Repeat("\x00", len(spki)-8), 1)),
		"a sequence of two integers": mustDER(asn1.Marshal(struct{ A, B int }{1, 2})),
	}
	if string(version(2)) != string(k.cert) {
		t.Fatal("the test certificate is not version 3")
	}
	for name, der := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := keys.ParsePEM([]byte(pemBlock("CERTIFICATE", der)))
			if !errors.Is(err, keys.ErrPEM) || got != nil {
				t.Fatalf("ParsePEM = %v, %v; want ErrPEM", got, err)
			}
			if !strings.Contains(err.Error(), "CERTIFICATE") {
				t.Errorf("error %q does not name the block", err)
			}
		})
	}
}

// FuzzCertificate holds the key read from any CERTIFICATE block to
// crypto/x509's wherever crypto/x509 reads the certificate and this
// package takes its key; it never panics and fails only with a sentinel.
func FuzzCertificate(f *testing.F) {
	k := pemKeys()
	f.Add(k.cert)
	f.Add(v3Certificate(f, k.ed.Public(), k.ed))
	f.Add([]byte{0x30, 0})
	f.Fuzz(func(t *testing.T, der []byte) {
		got, err := keys.ParsePEM([]byte(pemBlock("CERTIFICATE", der)))
		if err != nil && !anyKeysSentinel(err) {
			t.Fatalf("error %v wraps no sentinel", err)
		}
		c, xerr := x509.ParseCertificate(der)
		if xerr != nil {
			return
		}
		want, werr := keys.FromCrypto(c.PublicKey)
		if werr != nil {
			return
		}
		if err != nil {
			t.Fatalf("crypto/x509 reads the key, ParsePEM says %v", err)
		}
		if !samePublic(got.Public, want.Public) {
			t.Fatalf("key %T differs from crypto/x509's", got.Public)
		}
	})
}
