package jwe

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/go-jose/go-jose/v4"

	"github.com/authlab/authlab/app/jot"
)

// Result is a decrypted JWE. Decryption says who could read it, not who
// wrote it: with RSA-OAEP or ECDH-ES anyone holding the public key can
// make a JWE, so only a nested JWS, once verified, says who signed.
type Result struct {
	// Header is the JOSE protected header (RFC 7516 §4), HeaderJSON its
	// decoded bytes.
	Header     map[string]any
	HeaderJSON []byte
	// Alg, Enc, Kid, Cty and Zip are the header members of those names
	// (RFC 7516 §4.1), or "".
	Alg, Enc, Kid, Cty, Zip string
	Plaintext               []byte
	// Claims is the plaintext as a JSON object, or nil when it is not one.
	Claims map[string]any
	// Nested is set when the plaintext is itself a compact JWT, by cty
	// "JWT" (RFC 7519 §5.2) or by its shape. Inner is that token, to be
	// passed on to verification (or, with five segments, decryption).
	Nested bool
	Inner  string
	// Notes lists what a reader should know, such as compression before
	// encryption (RFC 8725 §3.6).
	Notes []string
}

// Decrypt decrypts a compact JWE (RFC 7516 §5.2) with key material read by
// jot.ReadKey. Surrounding whitespace, quotes and a "Bearer " prefix are
// stripped first (see jot.Clean).
//
// The header is checked before any cryptography: its alg and enc must be
// among KeyAlgorithms and ContentEncryptions, RSA1_5 and PBES2 are refused
// by name (ErrRefused), crit is refused (RFC 7516 §4.1.13), and the key
// must fit the alg. A "zip":"DEF" plaintext (RFC 7516 §4.1.3) is inflated
// by go-jose to at most 250 kB or ten times the ciphertext, whichever is
// larger; beyond that Decrypt returns ErrTooLarge.
func Decrypt(token string, km *jot.KeyMaterial) (*Result, error) {
	token = jot.Clean(token)
	r, err := readHeader(token)
	if err != nil {
		return nil, err
	}
	k, err := pickKey(km, r.Kid)
	if err != nil {
		return nil, err
	}
	key, err := fitKey(k, r.Alg, r.Enc, true)
	if err != nil {
		return nil, err
	}
	obj, err := jose.ParseEncryptedCompact(token, keyAlgs, contentEncs)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotJWE, err)
	}
	pt, err := obj.Decrypt(key)
	if err != nil {
		return nil, decryptError(r.Zip, err)
	}
	r.Plaintext = pt
	r.readPlaintext()
	return r, nil
}

// readHeader decodes and checks the protected header of a compact JWE.
func readHeader(token string) (*Result, error) {
	if len(token) > jot.MaxTokenSize {
		return nil, fmt.Errorf("%w: the token is %d bytes, the limit is %d", ErrTooLarge, len(token), jot.MaxTokenSize)
	}
	in := jot.Inspect(token)
	if !in.JWE {
		return nil, fmt.Errorf("%w: it has %d dot-separated segments, a JWE has 5 (RFC 7516 §7.1)", ErrNotJWE, in.Segments)
	}
	if in.Header == nil {
		return nil, fmt.Errorf("%w: %w", ErrHeader, in.Errors[len(in.Errors)-1])
	}
	r := &Result{Header: in.Header, HeaderJSON: in.HeaderJSON}
	for name, dst := range map[string]*string{"alg": &r.Alg, "enc": &r.Enc, "kid": &r.Kid, "cty": &r.Cty, "zip": &r.Zip} {
		v, present := in.Header[name]
		if !present {
			continue
		}
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%w: %s is not a string", ErrHeader, name)
		}
		*dst = s
	}
	if r.Alg == "" || r.Enc == "" {
		return nil, fmt.Errorf("%w: alg and enc are required (RFC 7516 §4.1.1, §4.1.2)", ErrHeader)
	}
	if err := checkAlgs(r.Alg, r.Enc, in.Header["p2c"]); err != nil {
		return nil, err
	}
	if _, ok := in.Header["crit"]; ok {
		return nil, fmt.Errorf("%w: %v (RFC 7516 §4.1.13)", ErrCrit, in.Header["crit"])
	}
	switch r.Zip {
	case "":
	case "DEF":
		r.Notes = append(r.Notes, `"zip":"DEF": the plaintext was compressed before encryption, which can leak it through the ciphertext's length (RFC 8725 §3.6)`)
	default:
		return nil, fmt.Errorf("%w: zip %q; only DEF is defined (RFC 7518 §7.3)", ErrUnsupported, r.Zip)
	}
	return r, nil
}

// decryptError maps go-jose's errors onto this package's sentinels. After
// a successful decryption the only failures left are those of inflating
// a "zip" plaintext, which go-jose reports without a sentinel.
func decryptError(zip string, err error) error {
	switch {
	case errors.Is(err, jose.ErrCryptoFailure) || zip == "":
		return fmt.Errorf("%w: the key is not the one the token was made for, or the token was changed", ErrDecrypt)
	case strings.Contains(err.Error(), "too large"):
		return fmt.Errorf("%w: the decompressed plaintext: %v", ErrTooLarge, err)
	}
	return fmt.Errorf("%w: %v", ErrZip, err)
}

// readPlaintext fills Claims, Nested and Inner from Plaintext.
func (r *Result) readPlaintext() {
	text := strings.TrimSpace(string(r.Plaintext))
	if strings.EqualFold(r.Cty, "JWT") || strings.EqualFold(r.Cty, "application/jwt") {
		r.Nested, r.Inner = true, text
		return
	}
	if in := jot.Inspect(text); in.Err() == nil && in.Alg() != "" {
		r.Nested, r.Inner = true, text
		r.Notes = append(r.Notes, `the plaintext is a JWS although the header has no "cty":"JWT" (RFC 7519 §5.2)`)
		return
	}
	if strings.HasPrefix(r.Alg, "RSA-OAEP") || strings.HasPrefix(r.Alg, "ECDH-ES") {
		r.Notes = append(r.Notes, "not signed: anyone with the recipient's public key can make a token like this one; only a nested JWS (RFC 7519 §5.2) says who made it")
	}
	dec := json.NewDecoder(bytes.NewReader(r.Plaintext))
	dec.UseNumber()
	var obj map[string]any
	if dec.Decode(&obj) == nil && !dec.More() {
		r.Claims = obj
	}
}
