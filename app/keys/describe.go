package keys

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"strconv"
)

// Describe names a key for people: its type, size or curve, and whether
// the private half is present, e.g. "RSA 2048-bit private key".
func Describe(k *Key) string {
	if k == nil {
		return "no key"
	}
	half := " public key"
	if k.Private != nil {
		half = " private key"
	}
	switch p := k.Public.(type) {
	case []byte:
		return "HMAC secret (" + strconv.Itoa(len(p)) + " bytes)"
	case *rsa.PublicKey:
		return "RSA " + strconv.Itoa(p.N.BitLen()) + "-bit" + half
	case *ecdsa.PublicKey:
		return "EC " + p.Curve.Params().Name + half
	case ed25519.PublicKey:
		return "Ed25519" + half
	}
	return "unknown key"
}
