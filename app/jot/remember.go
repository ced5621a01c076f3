package jot

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"sync"

	"github.com/golang-jwt/jwt/v5"
)

// RememberVerified wraps a signing method so that a signature it has
// verified for a key is not verified again while remembered, as API
// gateways cache verified JWTs: a client sends the same access token with
// every request until it expires. Only the signature check (RFC 7515
// §5.2 step 8) is skipped; every other check, the claims and times among
// them, runs on each use. Only successes are remembered, under the key's
// identity and the SHA-256 of the signing input and signature, so a hit
// needs a signature that verified before under the same key object. Keys
// that are not *ecdsa.PublicKey or *rsa.PublicKey pass through unremembered.
// At most size entries are kept; when full, the memory starts over.
func RememberVerified(m jwt.SigningMethod, size int) jwt.SigningMethod {
	return &remembered{SigningMethod: m, size: max(size, 1)}
}

type remembered struct {
	jwt.SigningMethod
	size int
	mu   sync.Mutex
	seen map[rememberedSig]struct{}
}

type rememberedSig struct {
	key any // a pointer, compared by identity
	sum [sha256.Size]byte
}

// Verify implements jwt.SigningMethod.
func (r *remembered) Verify(signingString string, sig []byte, key any) error {
	switch key.(type) {
	case *ecdsa.PublicKey, *rsa.PublicKey:
	default:
		return r.SigningMethod.Verify(signingString, sig, key)
	}
	h := sha256.New()
	h.Write([]byte(signingString))
	h.Write([]byte{'.'})
	h.Write(sig)
	k := rememberedSig{key: key}
	h.Sum(k.sum[:0])
	r.mu.Lock()
	_, hit := r.seen[k]
	r.mu.Unlock()
	if hit {
		return nil
	}
	if err := r.SigningMethod.Verify(signingString, sig, key); err != nil {
		return err
	}
	r.mu.Lock()
	if r.seen == nil || len(r.seen) >= r.size {
		r.seen = make(map[rememberedSig]struct{}, r.size)
	}
	r.seen[k] = struct{}{}
	r.mu.Unlock()
	return nil
}
