package jwe

import (
	"fmt"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// keyAlgs are the key management algorithms accepted (RFC 7518 §4.1).
var keyAlgs = []jose.KeyAlgorithm{
	jose.DIRECT,
	jose.RSA_OAEP, jose.RSA_OAEP_256,
	jose.ECDH_ES, jose.ECDH_ES_A128KW, jose.ECDH_ES_A256KW,
	jose.A128KW, jose.A256KW,
	jose.A128GCMKW, jose.A256GCMKW,
}

// contentEncs are the content encryption algorithms accepted (RFC 7518 §5.1).
var contentEncs = []jose.ContentEncryption{
	jose.A128GCM, jose.A256GCM, jose.A128CBC_HS256, jose.A256CBC_HS512,
}

// KeyAlgorithms lists the alg values accepted, in the order the workbench
// offers them.
func KeyAlgorithms() []string { return names(keyAlgs) }

// ContentEncryptions lists the enc values accepted.
func ContentEncryptions() []string { return names(contentEncs) }

func names[T ~string](l []T) []string {
	out := make([]string, len(l))
	for i, v := range l {
		out[i] = string(v)
	}
	return out
}

// refused names the algorithms never used, and why.
var refused = map[string]string{
	"RSA1_5": "RSAES-PKCS1-v1_5 key encryption is open to Bleichenbacher's padding-oracle attack; RFC 8725 §3.2 says to avoid it, RFC 7518 §4.3 offers RSA-OAEP instead",
}

// pbes2Reason says why PBES2 (RFC 7518 §4.8) is refused whatever its count.
// go-jose refuses a p2c over 1,000,000, but a million PBKDF2-SHA512
// rounds still hold a page for seconds, and the header is read before the
// token is authenticated (RFC 7518 §4.8.1.2 recommends a minimum of 1000
// and sets no maximum).
const pbes2Reason = "its iteration count p2c (RFC 7518 §4.8.1.2) is chosen by whoever made the token, before anything is authenticated, so one token can make the page derive a key for seconds or minutes; a password is also not a key"

// checkAlgs refuses, with a reason, what may not be decrypted or made.
// p2c is the header's p2c member, or nil.
func checkAlgs(alg, enc string, p2c any) error {
	if why, ok := refused[alg]; ok {
		return fmt.Errorf("%w: alg %s: %s", ErrRefused, alg, why)
	}
	if strings.HasPrefix(alg, "PBES2-") {
		count := ""
		if p2c != nil {
			count = fmt.Sprintf(" (this token asks for p2c %v)", p2c)
		}
		return fmt.Errorf("%w: %w: alg %s%s: %s", ErrRefused, ErrPBES2, alg, count, pbes2Reason)
	}
	if !has(keyAlgs, alg) {
		return fmt.Errorf("%w: alg %q; accepted: %s", ErrUnsupported, alg, strings.Join(KeyAlgorithms(), ", "))
	}
	if !has(contentEncs, enc) {
		return fmt.Errorf("%w: enc %q; accepted: %s", ErrUnsupported, enc, strings.Join(ContentEncryptions(), ", "))
	}
	return nil
}

func has[T ~string](l []T, s string) bool {
	for _, v := range l {
		if string(v) == s {
			return true
		}
	}
	return false
}

// cekSize is the content encryption key size of enc in bytes
// (RFC 7518 §5.2.3–5.2.5 and §5.3).
func cekSize(enc string) int {
	switch enc {
	case string(jose.A128GCM):
		return 16
	case string(jose.A256GCM), string(jose.A128CBC_HS256):
		return 32
	case string(jose.A256CBC_HS512):
		return 64
	}
	return 0
}

// kekSize is the key size of an AES key-wrapping alg, or 0 for the others.
func kekSize(alg string) int {
	switch alg {
	case string(jose.A128KW), string(jose.A128GCMKW):
		return 16
	case string(jose.A256KW), string(jose.A256GCMKW):
		return 32
	}
	return 0
}
