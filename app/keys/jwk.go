package keys

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"fmt"
	"math/big"
)

// JWK is a JSON Web Key (RFC 7517 §4) with the members of RFC 7518 §6 and
// RFC 8037 §2. Only the members of its key type are set.
type JWK struct {
	Kty    string   `json:"kty"`
	Use    string   `json:"use,omitempty"`
	KeyOps []string `json:"key_ops,omitempty"`
	Alg    string   `json:"alg,omitempty"`
	Kid    string   `json:"kid,omitempty"`
	Crv    string   `json:"crv,omitempty"`
	X      string   `json:"x,omitempty"`
	Y      string   `json:"y,omitempty"`
	D      string   `json:"d,omitempty"`
	N      string   `json:"n,omitempty"`
	E      string   `json:"e,omitempty"`
	P      string   `json:"p,omitempty"`
	Q      string   `json:"q,omitempty"`
	DP     string   `json:"dp,omitempty"`
	DQ     string   `json:"dq,omitempty"`
	QI     string   `json:"qi,omitempty"`
	K      string   `json:"k,omitempty"`
}

// Key is a parsed key with the JWK metadata that travels with it.
type Key struct {
	Kid string
	Alg string // the JWK's alg, or ""
	Use string
	// KeyOps is the JWK's key_ops (RFC 7517 §4.3), or nil.
	KeyOps []string
	// Public is *ecdsa.PublicKey, *rsa.PublicKey, ed25519.PublicKey or
	// []byte (an HMAC secret).
	Public crypto.PublicKey
	// Private is *ecdsa.PrivateKey, *rsa.PrivateKey, ed25519.PrivateKey,
	// []byte (an HMAC secret), or nil.
	Private crypto.PrivateKey
}

// MinRSABits is the smallest RSA modulus accepted (RFC 7518 §3.3).
const MinRSABits = 2048

// ParseJWK parses one JWK (RFC 7517 §4). Private members, when present,
// yield a private key; its public half is checked to match.
func ParseJWK(data []byte) (*Key, error) {
	v, err := unmarshalGeneric(data)
	if err != nil {
		return nil, err
	}
	j, err := decodeJWK(v)
	if err != nil {
		return nil, err
	}
	return j.Key()
}

// Key converts the JWK into a Key.
func (j *JWK) Key() (*Key, error) {
	k := &Key{Kid: j.Kid, Alg: j.Alg, Use: j.Use, KeyOps: j.KeyOps}
	var err error
	switch j.Kty {
	case "EC":
		err = j.ecKey(k)
	case "RSA":
		err = j.rsaKey(k)
	case "OKP":
		err = j.okpKey(k)
	case "oct":
		var b []byte
		if b, err = b64(j.K, "k"); err == nil {
			if len(b) == 0 {
				err = fmt.Errorf("%w: k is empty", ErrWeakKey)
			}
			k.Public, k.Private = b, b
		}
	case "":
		err = fmt.Errorf("%w: kty is missing", ErrJWK)
	default:
		err = fmt.Errorf("%w: kty %q", ErrKeyType, j.Kty)
	}
	if err != nil {
		return nil, err
	}
	return k, nil
}

func curveByName(crv string) (elliptic.Curve, error) {
	switch crv {
	case "P-256":
		return elliptic.P256(), nil
	case "P-384":
		return elliptic.P384(), nil
	case "P-521":
		return elliptic.P521(), nil
	}
	return nil, fmt.Errorf("%w: %q", ErrCurve, crv)
}

func (j *JWK) ecKey(k *Key) error {
	curve, err := curveByName(j.Crv)
	if err != nil {
		return err
	}
	size := (curve.Params().BitSize + 7) / 8
	x, err := b64Fixed(j.X, "x", size)
	if err != nil {
		return err
	}
	y, err := b64Fixed(j.Y, "y", size)
	if err != nil {
		return err
	}
	// Validate the point through crypto/ecdh, which rejects points off the
	// curve and the point at infinity.
	point := append(append([]byte{4}, x...), y...)
	if _, err := ecdhCurve(j.Crv).NewPublicKey(point); err != nil {
		return fmt.Errorf("%w: %v", ErrNotOnCurve, err)
	}
	pub := &ecdsa.PublicKey{Curve: curve, X: new(big.Int).SetBytes(x), Y: new(big.Int).SetBytes(y)}
	k.Public = pub
	if j.D == "" {
		return nil
	}
	d, err := b64Fixed(j.D, "d", size)
	if err != nil {
		return err
	}
	priv, err := ecdsa.ParseRawPrivateKey(curve, d)
	if err != nil {
		return fmt.Errorf("%w: d: %v", ErrJWK, err)
	}
	if !priv.PublicKey.Equal(pub) {
		return fmt.Errorf("%w: d does not match x and y", ErrJWK)
	}
	k.Private = priv
	return nil
}

func ecdhCurve(crv string) ecdh.Curve {
	switch crv {
	case "P-384":
		return ecdh.P384()
	case "P-521":
		return ecdh.P521()
	}
	return ecdh.P256()
}

func (j *JWK) rsaKey(k *Key) error {
	n, err := b64(j.N, "n")
	if err != nil {
		return err
	}
	e, err := b64(j.E, "e")
	if err != nil {
		return err
	}
	if len(e) > 4 || len(e) == 0 {
		return fmt.Errorf("%w: e has %d bytes", ErrJWK, len(e))
	}
	exp := int(new(big.Int).SetBytes(e).Int64())
	if exp < 3 || exp%2 == 0 {
		return fmt.Errorf("%w: public exponent %d", ErrWeakKey, exp)
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: exp}
	if pub.N.BitLen() < MinRSABits {
		return fmt.Errorf("%w: RSA modulus has %d bits, at least %d are needed", ErrWeakKey, pub.N.BitLen(), MinRSABits)
	}
	if hasROCAFingerprint(pub.N) {
		return fmt.Errorf("%w: the RSA modulus has the ROCA fingerprint (CVE-2017-15361)", ErrWeakKey)
	}
	k.Public = pub
	if j.D == "" {
		return nil
	}
	var parts [6][]byte
	for i, f := range []struct{ v, name string }{{j.D, "d"}, {j.P, "p"}, {j.Q, "q"}, {j.DP, "dp"}, {j.DQ, "dq"}, {j.QI, "qi"}} {
		if parts[i], err = b64(f.v, f.name); err != nil {
			return err
		}
	}
	bi := func(b []byte) *big.Int { return new(big.Int).SetBytes(b) }
	priv := &rsa.PrivateKey{PublicKey: *pub, D: bi(parts[0]), Primes: []*big.Int{bi(parts[1]), bi(parts[2])}}
	priv.Precomputed.Dp, priv.Precomputed.Dq, priv.Precomputed.Qinv = bi(parts[3]), bi(parts[4]), bi(parts[5])
	if err := priv.Validate(); err != nil {
		return fmt.Errorf("%w: %v", ErrJWK, err)
	}
	priv.Precompute()
	k.Private = priv
	return nil
}

func (j *JWK) okpKey(k *Key) error {
	if j.Crv != "Ed25519" {
		return fmt.Errorf("%w: %q", ErrCurve, j.Crv)
	}
	x, err := b64Fixed(j.X, "x", ed25519.PublicKeySize)
	if err != nil {
		return err
	}
	k.Public = ed25519.PublicKey(x)
	if j.D == "" {
		return nil
	}
	d, err := b64Fixed(j.D, "d", ed25519.SeedSize)
	if err != nil {
		return err
	}
	priv := ed25519.NewKeyFromSeed(d)
	if !priv.Public().(ed25519.PublicKey).Equal(k.Public) {
		return fmt.Errorf("%w: d does not match x", ErrJWK)
	}
	k.Private = priv
	return nil
}

func b64(s, name string) ([]byte, error) {
	if s == "" {
		return nil, fmt.Errorf("%w: %s is missing", ErrJWK, name)
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not base64url: %v", ErrJWK, name, err)
	}
	return b, nil
}

func b64Fixed(s, name string, size int) ([]byte, error) {
	b, err := b64(s, name)
	if err != nil {
		return nil, err
	}
	if len(b) != size {
		return nil, fmt.Errorf("%w: %s has %d bytes, want %d", ErrJWK, name, len(b), size)
	}
	return b, nil
}
