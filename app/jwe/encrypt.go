package jwe

import (
	"fmt"

	"github.com/go-jose/go-jose/v4"

	"github.com/authlab/authlab/app/jot"
)

// EncryptOptions are the optional header members of a new JWE.
type EncryptOptions struct {
	// Cty is the content type (RFC 7516 §4.1.12): "JWT" when the plaintext
	// is a signed JWT (RFC 7519 §5.2).
	Cty string
	// Kid names the recipient's key (RFC 7516 §4.1.6); by default the
	// key's own kid.
	Kid string
}

// Encrypt makes a compact JWE (RFC 7516 §5.1) of plaintext for the key in
// km: the public half of an RSA or EC key, or a symmetric secret. alg and
// enc must be among KeyAlgorithms and ContentEncryptions. The plaintext is
// never compressed (RFC 8725 §3.6). The content encryption key and IV come
// from crypto/rand, so two calls never give the same token.
func Encrypt(plaintext []byte, km *jot.KeyMaterial, alg, enc string, opt EncryptOptions) (string, error) {
	if err := checkAlgs(alg, enc, nil); err != nil {
		return "", err
	}
	k, err := pickKey(km, opt.Kid)
	if err != nil {
		return "", err
	}
	key, err := fitKey(k, alg, enc, false)
	if err != nil {
		return "", err
	}
	kid := opt.Kid
	if kid == "" {
		kid = k.Kid
	}
	eo := &jose.EncrypterOptions{}
	if opt.Cty != "" {
		eo = eo.WithContentType(jose.ContentType(opt.Cty))
	}
	e, err := jose.NewEncrypter(jose.ContentEncryption(enc),
		jose.Recipient{Algorithm: jose.KeyAlgorithm(alg), Key: key, KeyID: kid}, eo)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrKey, err)
	}
	obj, err := e.Encrypt(plaintext)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrKey, err)
	}
	return obj.CompactSerialize()
}
