package naivelab

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/rawjws"
)

// Reasons a lab endpoint refuses a token. Every refusal wraps ErrRefused.
var (
	ErrRefused   = errors.New("refused")
	ErrMalformed = fmt.Errorf("%w: not a compact JWS of three base64url segments with JSON header and claims", ErrRefused)
	ErrSignature = fmt.Errorf("%w: the signature does not verify", ErrRefused)
	ErrAlg       = fmt.Errorf("%w: an algorithm or key this endpoint does not take", ErrRefused)
	ErrClaims    = fmt.Errorf("%w: a claim is wrong for this API", ErrRefused)
	ErrType      = fmt.Errorf("%w: not an access token (typ)", ErrRefused)
)

// maxToken bounds what a lab endpoint reads.
const maxToken = 16 << 10

// token is a compact JWS split as naive code splits it.
type token struct {
	header  map[string]any
	claims  map[string]any
	input   []byte // header.payload, what the signature covers
	sig     []byte
	rawSig  string
	payload []byte
}

// parse splits and decodes a compact JWS (RFC 7515 §7.1) without any
// check beyond what it takes to read it.
func parse(s string) (*token, error) {
	if len(s) > maxToken {
		return nil, ErrMalformed
	}
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return nil, ErrMalformed
	}
	t := &token{input: []byte(parts[0] + "." + parts[1]), rawSig: parts[2]}
	h, err1 := base64.RawURLEncoding.DecodeString(parts[0])
	p, err2 := base64.RawURLEncoding.DecodeString(parts[1])
	sig, err3 := base64.RawURLEncoding.DecodeString(parts[2])
	if err1 != nil || err2 != nil || err3 != nil {
		return nil, ErrMalformed
	}
	if json.Unmarshal(h, &t.header) != nil || json.Unmarshal(p, &t.claims) != nil || t.header == nil || t.claims == nil {
		return nil, ErrMalformed
	}
	t.sig, t.payload = sig, p
	return t, nil
}

func (t *token) str(name string) string {
	s, _ := t.header[name].(string)
	return s
}

// verifyHMAC checks an HS256 signature with key, whatever its length.
func (t *token) verifyHMAC(key []byte) error {
	if t.str("alg") != "HS256" {
		return ErrAlg
	}
	if !hmac.Equal(rawjws.HMACSHA256(key, t.input), t.sig) {
		return ErrSignature
	}
	return nil
}

// verifyPublic checks an RS256 or ES256 signature with a public key, the
// way a correct verifier does: the algorithm must fit the key.
func (t *token) verifyPublic(pub any) error {
	sum := sha256.Sum256(t.input)
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if t.str("alg") != "RS256" {
			return ErrAlg
		}
		if rsa.VerifyPKCS1v15(k, crypto.SHA256, sum[:], t.sig) != nil {
			return ErrSignature
		}
	case *ecdsa.PublicKey:
		if t.str("alg") != "ES256" || len(t.sig) != 64 {
			return ErrAlg
		}
		r, s := new(big.Int).SetBytes(t.sig[:32]), new(big.Int).SetBytes(t.sig[32:])
		if !ecdsa.Verify(k, sum[:], r, s) {
			return ErrSignature
		}
	default:
		return ErrAlg
	}
	return nil
}

// keyFromText reads a public key from a JWK, a JWK Set's first key with
// the token's kid, a PEM key or a PEM certificate.
func keyFromText(text []byte, kid string) (any, error) {
	if b, _ := pem.Decode(text); b != nil && b.Type == "CERTIFICATE" {
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrAlg, err)
		}
		return c.PublicKey, nil
	}
	set, _, err := keys.ParseAny(text)
	if err != nil || len(set.Keys) == 0 {
		return nil, fmt.Errorf("%w: no key in it", ErrAlg)
	}
	for _, k := range set.Keys {
		if kid == "" || k.Kid == kid {
			return k.Public, nil
		}
	}
	return set.Keys[0].Public, nil
}
