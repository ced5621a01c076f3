package discovery

import (
	"crypto"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/keys"
)

// Cert is one certificate of an x5c chain.
type Cert struct {
	Subject, Issuer     string
	NotBefore, NotAfter time.Time
	// SHA256 is the SHA-256 thumbprint of the DER certificate, in hex.
	SHA256 string
	// SignedByNext is set when the next certificate of the chain signed
	// this one; the last one has no next.
	SignedByNext bool
}

// checkX5C reads the x5c chain of k (RFC 7517 §4.7: base64, not
// base64url, DER, leaf first, each certificate certified by the next),
// checks the leaf's validity against the clock, and checks that the
// leaf's key is the JWK's key. The key to verify with is then the leaf's.
func (d *run) checkX5C(k *Key, m jwkMembers) {
	var certs []*x509.Certificate
	for i, s := range m.X5C {
		der, err := base64.StdEncoding.DecodeString(s)
		var c *x509.Certificate
		if err == nil {
			c, err = x509.ParseCertificate(der)
		}
		if err != nil {
			d.r.find(FindingX5C, fmt.Sprintf("x5c[%d] of key %q: %v: %v", i, k.Kid, ErrX5C, err))
			return
		}
		sum := sha256.Sum256(der)
		k.Chain = append(k.Chain, Cert{Subject: c.Subject.String(), Issuer: c.Issuer.String(),
			NotBefore: c.NotBefore, NotAfter: c.NotAfter, SHA256: hex.EncodeToString(sum[:])})
		certs = append(certs, c)
	}
	for i := 0; i+1 < len(certs); i++ {
		if err := certs[i].CheckSignatureFrom(certs[i+1]); err != nil {
			d.r.find(FindingX5CChain, fmt.Sprintf("x5c[%d] of key %q is not signed by x5c[%d]: %v", i, k.Kid, i+1, err))
			continue
		}
		k.Chain[i].SignedByNext = true
	}
	leaf := certs[0]
	if now := d.now(); now.After(leaf.NotAfter) || now.Before(leaf.NotBefore) {
		d.r.find(FindingX5CExpired, fmt.Sprintf("the leaf certificate of key %q is valid from %s to %s, not now (%s)", k.Kid,
			leaf.NotBefore.UTC().Format(time.RFC3339), leaf.NotAfter.UTC().Format(time.RFC3339), now.UTC().Format(time.RFC3339)))
	}
	d.checkThumbprints(k, m, leaf.Raw)
	parsed, err := keys.FromCrypto(leaf.PublicKey)
	if err != nil {
		d.r.find(FindingUnusableKey, fmt.Sprintf("the leaf certificate's key of %q cannot be used: %v", k.Kid, err))
		return
	}
	type equaler interface{ Equal(x crypto.PublicKey) bool }
	if k.Parsed != nil {
		if pub, ok := k.Parsed.Public.(equaler); !ok || !pub.Equal(leaf.PublicKey) {
			d.r.find(FindingX5CKey, fmt.Sprintf("key %q: the leaf certificate's key is not the JWK's own key; RFC 7517 §4.7 requires them to match, and a verifier may use either (the workbench verifies with the certificate's)", k.Kid))
		}
	}
	parsed.Kid, parsed.Alg, parsed.Use = k.Kid, k.Alg, k.Use
	k.Parsed = parsed
}

// checkThumbprints compares x5t (SHA-1, RFC 7517 §4.8) and x5t#S256
// (RFC 7517 §4.9) with the leaf certificate.
func (d *run) checkThumbprints(k *Key, m jwkMembers, der []byte) {
	s1, s256 := sha1.Sum(der), sha256.Sum256(der)
	for _, t := range []struct{ name, got, want string }{
		{"x5t", m.X5T, base64.RawURLEncoding.EncodeToString(s1[:])},
		{"x5t#S256", m.X5TS256, base64.RawURLEncoding.EncodeToString(s256[:])},
	} {
		if t.got != "" && t.got != t.want {
			d.r.find(FindingX5T, fmt.Sprintf("key %q: %s is %q, but the leaf certificate's thumbprint is %q", k.Kid, t.name, t.got, t.want))
		}
	}
}
