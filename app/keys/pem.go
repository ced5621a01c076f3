package keys

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
)

// PEM block types (RFC 7468 §5–§11, RFC 8017 App. A.1, RFC 5915 §4).
const (
	pemPublicKey    = "PUBLIC KEY"            // SubjectPublicKeyInfo, RFC 5280 §4.1.2.7
	pemRSAPublic    = "RSA PUBLIC KEY"        // PKCS #1 RSAPublicKey, RFC 8017 App. A.1.1
	pemRSAPrivate   = "RSA PRIVATE KEY"       // PKCS #1 RSAPrivateKey, RFC 8017 App. A.1.2
	pemPrivateKey   = "PRIVATE KEY"           // PKCS #8 OneAsymmetricKey, RFC 5958 §2
	pemECPrivate    = "EC PRIVATE KEY"        // SEC 1 ECPrivateKey, RFC 5915 §3
	pemCertificate  = "CERTIFICATE"           // X.509, RFC 5280 §4
	pemECParameters = "EC PARAMETERS"         // written by `openssl ecparam -genkey`, skipped
	pemEncrypted    = "ENCRYPTED PRIVATE KEY" // PKCS #8 EncryptedPrivateKeyInfo, RFC 5958 §3
)

// pemBegin marks the start of an RFC 7468 encapsulation boundary.
var pemBegin = []byte("-----BEGIN ")

// IsPEM reports whether data holds an RFC 7468 "-----BEGIN" line.
func IsPEM(data []byte) bool { return bytes.Contains(data, pemBegin) }

// normalizePEM undoes what configuration files do to PEM: indented lines
// (YAML) and newlines written as "\n" escapes (JSON strings, .env files).
func normalizePEM(data []byte) []byte {
	data = bytes.ReplaceAll(data, []byte(`\r`), nil)
	data = bytes.ReplaceAll(data, []byte(`\n`), []byte("\n"))
	lines := bytes.Split(data, []byte("\n"))
	for i, l := range lines {
		lines[i] = bytes.TrimSpace(l)
	}
	return bytes.Join(lines, []byte("\n"))
}

// ParsePEM parses the first key in PEM text (RFC 7468). It reads a
// SubjectPublicKeyInfo ("PUBLIC KEY"), PKCS #1 ("RSA PUBLIC KEY",
// "RSA PRIVATE KEY"), PKCS #8 ("PRIVATE KEY"), SEC 1 ("EC PRIVATE KEY") or
// an X.509 certificate ("CERTIFICATE"), whose subject public key is used.
// Text around the blocks is ignored. A private key yields its public half
// too. Keys are held to the same floor as JWKs: RSA moduli of at least
// MinRSABits (RFC 7518 §3.3) and the curves of RFC 7518 §3.4 and RFC 8037.
func ParsePEM(data []byte) (*Key, error) {
	if !IsPEM(data) {
		return nil, fmt.Errorf("%w: no \"-----BEGIN\" line", ErrPEM)
	}
	rest := normalizePEM(data)
	for {
		block, next := pem.Decode(rest)
		if block == nil {
			return nil, fmt.Errorf("%w: a \"-----BEGIN\" line without a matching \"-----END\" line, or base64 that does not decode", ErrPEM)
		}
		rest = next
		if block.Type == pemECParameters {
			continue
		}
		return parseBlock(block)
	}
}

func parseBlock(b *pem.Block) (*Key, error) {
	if _, legacy := b.Headers["Proc-Type"]; legacy || b.Type == pemEncrypted {
		return nil, fmt.Errorf("%w: %q is encrypted; decrypt it first (openssl pkey -in key.pem)", ErrPEM, b.Type)
	}
	var (
		key any
		err error
	)
	switch b.Type {
	case pemPublicKey:
		key, err = x509.ParsePKIXPublicKey(b.Bytes)
	case pemRSAPublic:
		key, err = x509.ParsePKCS1PublicKey(b.Bytes)
	case pemRSAPrivate:
		key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
	case pemPrivateKey:
		key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
	case pemECPrivate:
		key, err = x509.ParseECPrivateKey(b.Bytes)
	case pemCertificate:
		key, err = certificateKey(b.Bytes)
	default:
		return nil, fmt.Errorf("%w: block type %q holds no key this tool reads", ErrPEM, b.Type)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrPEM, b.Type, err)
	}
	return FromCrypto(key)
}

// FromCrypto wraps a Go crypto key (public or private) in a Key, applying
// the same checks as ParseJWK: RSA moduli of at least MinRSABits with an
// odd exponent of at least 3, P-256/P-384/P-521 curves, Ed25519.
func FromCrypto(key any) (*Key, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if err := checkRSA(&k.PublicKey); err != nil {
			return nil, err
		}
		return &Key{Public: &k.PublicKey, Private: k}, nil
	case *rsa.PublicKey:
		if err := checkRSA(k); err != nil {
			return nil, err
		}
		return &Key{Public: k}, nil
	case *ecdsa.PrivateKey:
		if _, err := curveByName(k.Curve.Params().Name); err != nil {
			return nil, err
		}
		return &Key{Public: &k.PublicKey, Private: k}, nil
	case *ecdsa.PublicKey:
		if _, err := curveByName(k.Curve.Params().Name); err != nil {
			return nil, err
		}
		return &Key{Public: k}, nil
	case ed25519.PrivateKey:
		return &Key{Public: k.Public(), Private: k}, nil
	case ed25519.PublicKey:
		return &Key{Public: k}, nil
	case *ecdh.PrivateKey, *ecdh.PublicKey:
		return nil, fmt.Errorf("%w: an X25519/ECDH key agrees on secrets and cannot sign", ErrKeyType)
	}
	return nil, fmt.Errorf("%w: %T", ErrKeyType, key)
}

func checkRSA(k *rsa.PublicKey) error {
	if bits := k.N.BitLen(); bits < MinRSABits {
		return fmt.Errorf("%w: RSA modulus has %d bits, at least %d are needed", ErrWeakKey, bits, MinRSABits)
	}
	if k.E < 3 || k.E%2 == 0 {
		return fmt.Errorf("%w: public exponent %d", ErrWeakKey, k.E)
	}
	if hasROCAFingerprint(k.N) {
		return fmt.Errorf("%w: the RSA modulus has the ROCA fingerprint (CVE-2017-15361)", ErrWeakKey)
	}
	return nil
}

// PublicPEM encodes the public half of a key as a SubjectPublicKeyInfo
// "PUBLIC KEY" block (RFC 7468 §13).
func PublicPEM(key any) ([]byte, error) {
	switch k := key.(type) {
	case *rsa.PrivateKey:
		key = &k.PublicKey
	case *ecdsa.PrivateKey:
		key = &k.PublicKey
	case ed25519.PrivateKey:
		key = k.Public()
	case []byte:
		return nil, fmt.Errorf("%w: a shared secret has no public half", ErrKeyType)
	}
	der, err := x509.MarshalPKIXPublicKey(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKeyType, err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPublicKey, Bytes: der}), nil
}

// PrivatePEM encodes a private key as a PKCS #8 "PRIVATE KEY" block
// (RFC 7468 §10, RFC 5958).
func PrivatePEM(key any) ([]byte, error) {
	switch key.(type) {
	case *rsa.PrivateKey, *ecdsa.PrivateKey, ed25519.PrivateKey:
	default:
		return nil, fmt.Errorf("%w: %T is not a private key", ErrNoPrivate, key)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrKeyType, err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: pemPrivateKey, Bytes: der}), nil
}
