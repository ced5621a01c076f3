package jwe

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// pickKey chooses the key for a token whose header names kid. A JWK Set is
// searched by kid, as an opaque map key (RFC 7517 §4.5); a single key, a
// secret or PEM is used whatever the kid says.
func pickKey(km *jot.KeyMaterial, kid string) (*keys.Key, error) {
	switch {
	case km == nil || km.Format == "":
		return nil, fmt.Errorf("%w: give a JWK, a JWK Set, a PEM private key or a secret", ErrNoKey)
	case km.Err != nil:
		return nil, fmt.Errorf("%w: %w", ErrNoKey, km.Err)
	case km.Set == nil || len(km.Set.Keys) == 0:
		return nil, fmt.Errorf("%w: the key material holds no key", ErrNoKey)
	case km.Format != jot.FormatJWKS:
		return km.Set.Keys[0], nil
	case kid != "":
		if k, ok := km.Set.Lookup(kid); ok {
			return k, nil
		}
		return nil, fmt.Errorf("%w: the JWK Set has no key with kid %q", ErrNoKey, kid)
	case len(km.Set.Keys) == 1:
		return km.Set.Keys[0], nil
	}
	return nil, fmt.Errorf("%w: the token names no kid and the JWK Set has %d keys", ErrNoKey, len(km.Set.Keys))
}

// fitKey returns the go-jose key for alg and enc: the private half to
// decrypt, the public half to encrypt. The key type is pinned to the alg
// family (RFC 8725 §3.1), and a JWK's own alg and use must agree
// (RFC 7517 §4.2, §4.4).
func fitKey(k *keys.Key, alg, enc string, decrypt bool) (any, error) {
	if k.Alg != "" && k.Alg != alg {
		return nil, fmt.Errorf("%w: the key is for alg %s (its JWK alg), the token uses %s", ErrKey, k.Alg, alg)
	}
	if k.Use == "sig" {
		return nil, fmt.Errorf("%w: the key is for signatures (use \"sig\", RFC 7517 §4.2), not encryption", ErrKey)
	}
	part := k.Public
	if decrypt {
		part = k.Private
	}
	switch {
	case alg == "dir" || kekSize(alg) > 0:
		b, ok := part.([]byte)
		if !ok {
			return nil, fmt.Errorf("%w: alg %s needs a symmetric key (a secret or an oct JWK), not %s", ErrKey, alg, keys.Describe(k))
		}
		want, what := kekSize(alg), "key-wrapping key"
		if alg == "dir" {
			want, what = cekSize(enc), "content encryption key of "+enc
		}
		if len(b) != want {
			return nil, fmt.Errorf("%w: %s needs a %d-byte (%d-bit) %s; the key is %d bytes", ErrKey, alg, want, want*8, what, len(b))
		}
		return b, nil
	case strings.HasPrefix(alg, "RSA-OAEP"):
		switch part.(type) {
		case *rsa.PrivateKey, *rsa.PublicKey:
			return part, nil
		}
		return nil, fmt.Errorf("%w: alg %s needs an RSA %s key, not %s", ErrKey, alg, half(decrypt), keys.Describe(k))
	case strings.HasPrefix(alg, "ECDH-ES"):
		switch part.(type) {
		case *ecdsa.PrivateKey, *ecdsa.PublicKey:
			return part, nil
		}
		return nil, fmt.Errorf("%w: alg %s needs an EC (P-256, P-384 or P-521) %s key, not %s", ErrKey, alg, half(decrypt), keys.Describe(k))
	}
	return nil, fmt.Errorf("%w: alg %q", ErrUnsupported, alg)
}

func half(private bool) string {
	if private {
		return "private"
	}
	return "public"
}
