package jwe

import (
	"crypto"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// AuthJSVersion is the library that made a session cookie.
type AuthJSVersion int

// The versions whose session cookies DecryptAuthJS reads.
const (
	// NextAuthV4 is next-auth 4: dir + A256GCM, with a 32-byte key
	// HKDF-SHA256(NEXTAUTH_SECRET, salt "", info "NextAuth.js Generated
	// Encryption Key"). Its cookies are next-auth.session-token and
	// __Secure-next-auth.session-token; the name plays no part in the key.
	NextAuthV4 AuthJSVersion = 4
	// AuthJSV5 is @auth/core, behind next-auth 5 and the other Auth.js
	// frameworks: dir + A256CBC-HS512, with a 64-byte key
	// HKDF-SHA256(AUTH_SECRET, salt = cookie name, info "Auth.js Generated
	// Encryption Key (<cookie name>)").
	AuthJSV5 AuthJSVersion = 5
)

// AuthJSCookieNames lists the session cookie names of a version, the
// plain one first, then the __Secure- one used over https.
func AuthJSCookieNames(v AuthJSVersion) []string {
	if v == NextAuthV4 {
		return []string{"next-auth.session-token", "__Secure-next-auth.session-token"}
	}
	return []string{"authjs.session-token", "__Secure-authjs.session-token"}
}

// AuthJSKey derives the content encryption key of a session cookie from the
// app's secret (HKDF, RFC 5869), and names the enc it is used with.
// A chunked cookie's ".0", ".1" suffix is dropped from cookieName: the
// chunks are joined before decryption and the key is the whole cookie's.
func AuthJSKey(secret string, v AuthJSVersion, cookieName string) (key []byte, enc string, err error) {
	if secret == "" {
		return nil, "", fmt.Errorf("%w: the secret is empty", ErrNoKey)
	}
	switch v {
	case NextAuthV4:
		key, err = hkdf.Key(sha256.New, []byte(secret), nil, "NextAuth.js Generated Encryption Key", 32)
		return key, "A256GCM", err
	case AuthJSV5:
		name := baseCookieName(cookieName)
		if name == "" {
			return nil, "", fmt.Errorf("%w: Auth.js salts its key with the cookie name, such as %s", ErrNoKey, strings.Join(AuthJSCookieNames(v), " or "))
		}
		key, err = hkdf.Key(sha256.New, []byte(secret), []byte(name), "Auth.js Generated Encryption Key ("+name+")", 64)
		return key, "A256CBC-HS512", err
	}
	return nil, "", fmt.Errorf("%w: version %d; %d (next-auth 4) or %d (@auth/core)", ErrAuthJS, v, NextAuthV4, AuthJSV5)
}

// baseCookieName drops a chunk suffix such as ".0" from a cookie name.
func baseCookieName(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexByte(name, '.'); i > 0 && i < len(name)-1 && strings.Trim(name[i+1:], "0123456789") == "" {
		return name[:i]
	}
	return name
}

// DecryptAuthJS decrypts an Auth.js or NextAuth session cookie with the
// app's secret (NEXTAUTH_SECRET or AUTH_SECRET, as written in the app's
// environment) and returns the session; its Claims are the session's
// JWT claims. The header must be alg dir with the version's enc. An
// @auth/core cookie's kid is the SHA-512 thumbprint (RFC 7638) of the key;
// when it does not match, the secret or cookie name is wrong and nothing
// is decrypted.
func DecryptAuthJS(cookieValue, secret string, v AuthJSVersion, cookieName string) (*Result, error) {
	key, enc, err := AuthJSKey(secret, v, cookieName)
	if err != nil {
		return nil, err
	}
	cookieValue = jot.Clean(cookieValue)
	h, err := readHeader(cookieValue)
	if err != nil {
		return nil, err
	}
	if h.Alg != "dir" || h.Enc != enc {
		return nil, fmt.Errorf("%w: the header says alg %s, enc %s; this version writes alg dir, enc %s", ErrAuthJS, h.Alg, h.Enc, enc)
	}
	k := base64.RawURLEncoding.EncodeToString(key)
	if h.Kid != "" {
		want, err := keys.ThumbprintHash(&keys.JWK{Kty: "oct", K: k}, crypto.SHA512)
		if err != nil {
			return nil, err
		}
		if h.Kid != want {
			return nil, fmt.Errorf("%w: the token's kid is not the thumbprint of the key derived from this secret and cookie name %q", ErrDecrypt, baseCookieName(cookieName))
		}
	}
	return Decrypt(cookieValue, jot.ReadKey(k, jot.SecretBase64URL))
}
