package devserver

import (
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"testing"
)

func TestSelfSignedIsTrustedForItsHostOnly(t *testing.T) {
	cert, pool, err := SelfSigned("authlab.test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: "authlab.test", Roots: pool}); err != nil {
		t.Errorf("authlab.test: %v", err)
	}
	if _, err := cert.Leaf.Verify(x509.VerifyOptions{DNSName: "other.test", Roots: pool}); err == nil {
		t.Error("the certificate verified for another host")
	}
	sum := sha256.Sum256(cert.Leaf.RawSubjectPublicKeyInfo)
	if got := SPKIHash(cert); got != base64.StdEncoding.EncodeToString(sum[:]) || len(got) != 44 {
		t.Errorf("SPKIHash = %q", got)
	}
}
