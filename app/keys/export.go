package keys

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	_ "crypto/sha256" // for ThumbprintHash
	_ "crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
)

var enc = base64.RawURLEncoding

// PublicJWK returns the public JWK of a key, without private members.
func PublicJWK(pub any) (*JWK, error) {
	switch p := pub.(type) {
	case *ecdsa.PrivateKey:
		return PublicJWK(&p.PublicKey)
	case *rsa.PrivateKey:
		return PublicJWK(&p.PublicKey)
	case ed25519.PrivateKey:
		return PublicJWK(p.Public())
	case *ecdsa.PublicKey:
		size := (p.Curve.Params().BitSize + 7) / 8
		return &JWK{Kty: "EC", Crv: p.Curve.Params().Name,
			X: enc.EncodeToString(p.X.FillBytes(make([]byte, size))),
			Y: enc.EncodeToString(p.Y.FillBytes(make([]byte, size)))}, nil
	case *rsa.PublicKey:
		return &JWK{Kty: "RSA", N: enc.EncodeToString(p.N.Bytes()),
			E: enc.EncodeToString(big.NewInt(int64(p.E)).Bytes())}, nil
	case ed25519.PublicKey:
		return &JWK{Kty: "OKP", Crv: "Ed25519", X: enc.EncodeToString(p)}, nil
	}
	return nil, fmt.Errorf("%w: %T", ErrKeyType, pub)
}

// PrivateJWK returns the JWK of a private key, with its private members.
func PrivateJWK(priv any) (*JWK, error) {
	if k, secret := priv.([]byte); secret {
		return &JWK{Kty: "oct", K: enc.EncodeToString(k)}, nil
	}
	j, err := PublicJWK(priv)
	if err != nil {
		return nil, err
	}
	switch p := priv.(type) {
	case *ecdsa.PrivateKey:
		d, _ := p.Bytes()
		j.D = enc.EncodeToString(d)
	case *rsa.PrivateKey:
		p.Precompute()
		j.D = enc.EncodeToString(p.D.Bytes())
		j.P = enc.EncodeToString(p.Primes[0].Bytes())
		j.Q = enc.EncodeToString(p.Primes[1].Bytes())
		j.DP = enc.EncodeToString(p.Precomputed.Dp.Bytes())
		j.DQ = enc.EncodeToString(p.Precomputed.Dq.Bytes())
		j.QI = enc.EncodeToString(p.Precomputed.Qinv.Bytes())
	case ed25519.PrivateKey:
		j.D = enc.EncodeToString(p.Seed())
	default:
		return nil, fmt.Errorf("%w: %T is not a private key", ErrNoPrivate, priv)
	}
	return j, nil
}

// Thumbprint computes the RFC 7638 §3 SHA-256 thumbprint of a JWK,
// base64url-encoded: the hash of its required members in lexicographic
// order, with no whitespace.
func Thumbprint(j *JWK) (string, error) { return ThumbprintHash(j, crypto.SHA256) }

// ThumbprintHash is Thumbprint with another hash function, which RFC 7638
// §3.4 allows; Auth.js names its session keys by their SHA-512 thumbprint.
func ThumbprintHash(j *JWK, h crypto.Hash) (string, error) {
	if !h.Available() {
		return "", fmt.Errorf("%w: hash %v is not available", ErrKeyType, h)
	}
	var members any
	switch j.Kty {
	case "EC":
		members = struct {
			Crv string `json:"crv"`
			Kty string `json:"kty"`
			X   string `json:"x"`
			Y   string `json:"y"`
		}{j.Crv, j.Kty, j.X, j.Y}
	case "RSA":
		members = struct {
			E   string `json:"e"`
			Kty string `json:"kty"`
			N   string `json:"n"`
		}{j.E, j.Kty, j.N}
	case "OKP":
		members = struct {
			Crv string `json:"crv"`
			Kty string `json:"kty"`
			X   string `json:"x"`
		}{j.Crv, j.Kty, j.X}
	case "oct":
		members = struct {
			K   string `json:"k"`
			Kty string `json:"kty"`
		}{j.K, j.Kty}
	default:
		return "", fmt.Errorf("%w: kty %q", ErrKeyType, j.Kty)
	}
	b, err := json.Marshal(members)
	if err != nil {
		return "", err
	}
	d := h.New()
	d.Write(b)
	return enc.EncodeToString(d.Sum(nil)), nil
}
