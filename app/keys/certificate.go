package keys

import (
	"crypto/x509"
	"encoding/asn1"
	"errors"
)

// errCertificate says a CERTIFICATE block is not an RFC 5280 §4.1
// Certificate.
var errCertificate = errors.New("not an X.509 certificate (RFC 5280 §4.1)")

// certificate is what a key needs of an X.509 certificate (RFC 5280
// §4.1): its tbsCertificate. encoding/asn1 accepts the elements that
// follow a struct's last field, as RFC 5280 §4.1 adds them per version.
type certificate struct {
	TBS                tbsCertificate
	SignatureAlgorithm asn1.RawValue
	SignatureValue     asn1.BitString
}

// tbsCertificate holds TBSCertificate's fields up to the subject's key
// (RFC 5280 §4.1.2.1–§4.1.2.7); the unique identifiers and extensions
// after it are left unread.
type tbsCertificate struct {
	Version              int `asn1:"optional,explicit,default:0,tag:0"`
	SerialNumber         asn1.RawValue
	Signature            asn1.RawValue
	Issuer               asn1.RawValue
	Validity             asn1.RawValue
	Subject              asn1.RawValue
	SubjectPublicKeyInfo asn1.RawValue
}

// certificateKey returns the subject public key of a DER certificate
// (RFC 5280 §4.1.2.7), read as a "PUBLIC KEY" block is
// (x509.ParsePKIXPublicKey). It checks the certificate's structure up to
// the key and reads none of its names, dates or extensions: the key is
// all a token's check needs, and x509.ParseCertificate, which parses
// them all, links net and net/url into every module that reads keys,
// the workbench's early checker (wasm/quickcheck) among them.
func certificateKey(der []byte) (any, error) {
	var c certificate
	rest, err := asn1.Unmarshal(der, &c)
	if err != nil || len(rest) != 0 {
		return nil, errCertificate
	}
	t := c.TBS
	for _, f := range []struct {
		v   asn1.RawValue
		tag int
	}{{t.SerialNumber, asn1.TagInteger}, {t.Signature, asn1.TagSequence}, {t.Issuer, asn1.TagSequence},
		{t.Validity, asn1.TagSequence}, {t.Subject, asn1.TagSequence}, {t.SubjectPublicKeyInfo, asn1.TagSequence}} {
		if f.v.Class != asn1.ClassUniversal || f.v.Tag != f.tag {
			return nil, errCertificate
		}
	}
	if t.Version < 0 || t.Version > 2 {
		return nil, errCertificate
	}
	return x509.ParsePKIXPublicKey(t.SubjectPublicKeyInfo.FullBytes)
}
