package jot

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"fmt"
	"strings"

	"github.com/golang-jwt/jwt/v5"
)

// Algorithm describes one JWS alg (RFC 7518 §3.1, RFC 8037 §3.1) and the
// key it needs.
type Algorithm struct {
	Name   string
	Family string // "HMAC", "RSA", "RSA-PSS", "ECDSA" or "EdDSA"
	Hash   crypto.Hash
	Curve  string // for ECDSA: the one curve the alg allows (RFC 7518 §3.4)
	method jwt.SigningMethod
}

// strictPSS verifies RSASSA-PSS with the salt length equal to the hash
// length, as RFC 7518 §3.5 requires; golang-jwt's default accepts any.
func strictPSS(base *jwt.SigningMethodRSAPSS) *jwt.SigningMethodRSAPSS {
	opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash}
	return &jwt.SigningMethodRSAPSS{SigningMethodRSA: base.SigningMethodRSA, Options: opts, VerifyOptions: opts}
}

var algorithms = map[string]*Algorithm{
	"HS256": {"HS256", "HMAC", crypto.SHA256, "", jwt.SigningMethodHS256},
	"HS384": {"HS384", "HMAC", crypto.SHA384, "", jwt.SigningMethodHS384},
	"HS512": {"HS512", "HMAC", crypto.SHA512, "", jwt.SigningMethodHS512},
	"RS256": {"RS256", "RSA", crypto.SHA256, "", jwt.SigningMethodRS256},
	"RS384": {"RS384", "RSA", crypto.SHA384, "", jwt.SigningMethodRS384},
	"RS512": {"RS512", "RSA", crypto.SHA512, "", jwt.SigningMethodRS512},
	"PS256": {"PS256", "RSA-PSS", crypto.SHA256, "", strictPSS(jwt.SigningMethodPS256)},
	"PS384": {"PS384", "RSA-PSS", crypto.SHA384, "", strictPSS(jwt.SigningMethodPS384)},
	"PS512": {"PS512", "RSA-PSS", crypto.SHA512, "", strictPSS(jwt.SigningMethodPS512)},
	"ES256": {"ES256", "ECDSA", crypto.SHA256, "P-256", jwt.SigningMethodES256},
	"ES384": {"ES384", "ECDSA", crypto.SHA384, "P-384", jwt.SigningMethodES384},
	"ES512": {"ES512", "ECDSA", crypto.SHA512, "P-521", jwt.SigningMethodES512},
	"EdDSA": {"EdDSA", "EdDSA", 0, "Ed25519", jwt.SigningMethodEdDSA},
}

// Algorithms lists the supported alg names in a stable order.
func Algorithms() []string {
	return []string{"HS256", "HS384", "HS512", "RS256", "RS384", "RS512",
		"PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
}

// LookupAlgorithm returns the algorithm named exactly alg. "none", in any
// case, is refused with ErrAlgNone.
func LookupAlgorithm(alg string) (*Algorithm, error) {
	if strings.EqualFold(alg, "none") {
		return nil, ErrAlgNone
	}
	if alg == "" {
		return nil, ErrAlgMissing
	}
	a, ok := algorithms[alg]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrAlgUnsupported, alg)
	}
	return a, nil
}

// CheckKey pins the algorithm family to the key type (RFC 8725 §3.1): an
// HMAC alg takes only a secret at least as long as its hash (RFC 7518
// §3.2), an RSA alg only an RSA key, an ECDSA alg only its own curve, and
// EdDSA only an Ed25519 key. key is a public or a private key.
func (a *Algorithm) CheckKey(key any) error {
	ok := false
	switch k := key.(type) {
	case []byte:
		if a.Family == "HMAC" {
			if len(k) < a.Hash.Size() {
				return fmt.Errorf("%w: %s needs at least %d bytes, the key has %d", ErrHMACKeyTooShort, a.Name, a.Hash.Size(), len(k))
			}
			return nil
		}
	case *rsa.PublicKey, *rsa.PrivateKey:
		ok = a.Family == "RSA" || a.Family == "RSA-PSS"
	case *ecdsa.PublicKey:
		ok = a.Family == "ECDSA" && k.Curve.Params().Name == a.Curve
	case *ecdsa.PrivateKey:
		ok = a.Family == "ECDSA" && k.Curve.Params().Name == a.Curve
	case ed25519.PublicKey, ed25519.PrivateKey:
		ok = a.Family == "EdDSA"
	}
	if !ok {
		return fmt.Errorf("%w: %s needs %s, got %s", ErrKeyType, a.Name, a.wants(), describeKey(key))
	}
	return nil
}

func (a *Algorithm) wants() string {
	switch a.Family {
	case "HMAC":
		return "a shared secret"
	case "ECDSA":
		return "an EC key on " + a.Curve
	case "EdDSA":
		return "an Ed25519 key"
	}
	return "an RSA key"
}

func describeKey(key any) string {
	switch k := key.(type) {
	case []byte:
		return "a shared secret"
	case *rsa.PublicKey:
		return fmt.Sprintf("an RSA key (%d bits)", k.N.BitLen())
	case *rsa.PrivateKey:
		return fmt.Sprintf("an RSA key (%d bits)", k.N.BitLen())
	case *ecdsa.PublicKey:
		return "an EC key on " + k.Curve.Params().Name
	case *ecdsa.PrivateKey:
		return "an EC key on " + k.Curve.Params().Name
	case ed25519.PublicKey, ed25519.PrivateKey:
		return "an Ed25519 key"
	case nil:
		return "no key"
	}
	return fmt.Sprintf("%T", key)
}
