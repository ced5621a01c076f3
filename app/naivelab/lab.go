// Package naivelab holds JWT verifiers that are wrong on purpose, one
// mistake each, for the attack lab: each mistake is one that RFC 8725
// warns against. They use the lab's own keys, which this package
// publishes, and keep no state, so that nothing they accept is worth
// anything anywhere else.
package naivelab

import (
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/app/rawjws"
)

// The lab's keys. They are public, like the lab's weak secret: whatever
// they sign is a demonstration.
var (
	//go:embed labkeys/rsa.pem
	rsaPEM []byte
	//go:embed labkeys/ec.pem
	ecPEM []byte
)

// Names the lab's tokens carry, which no real route accepts.
const (
	Issuer   = "https://lab.authlab.invalid"
	Audience = "authlab-lab-api"
	// WeakSecret signs the weak-secret endpoint's tokens. It is on every
	// cracker's word list, which is the point.
	WeakSecret = "keyboard cat"
	rsaKid     = "lab-rsa"
	ecKid      = "lab-ec"
	hsKid      = "lab-hs"
)

// labHMAC is the strong secret of the kid lookups, which the kid
// injection attacks get around rather than guess.
var labHMAC = []byte("lab-hmac-secret-that-nobody-has-to-guess-0123456789")

// Lab is the lab's keys and clock.
type Lab struct {
	rsa *rsa.PrivateKey
	ec  *ecdsa.PrivateKey
	now func() time.Time
	// rsaText and ecText are the public keys as the lab publishes them:
	// the RSA key as PEM, the EC key as a JWK. The key confusion endpoint
	// uses these very bytes as an HMAC secret.
	rsaText, ecText []byte
}

// ErrKeys means the embedded lab keys could not be read.
var ErrKeys = errors.New("naivelab: lab keys")

// New reads the lab's keys. now is the clock the endpoints check exp and
// nbf against (nil is time.Now).
func New(now func() time.Time) (*Lab, error) {
	if now == nil {
		now = time.Now
	}
	l := &Lab{now: now}
	for _, k := range []struct {
		pem []byte
		set func(any) bool
	}{
		{rsaPEM, func(k any) bool { r, ok := k.(*rsa.PrivateKey); l.rsa = r; return ok }},
		{ecPEM, func(k any) bool { e, ok := k.(*ecdsa.PrivateKey); l.ec = e; return ok }},
	} {
		b, _ := pem.Decode(k.pem)
		if b == nil {
			return nil, fmt.Errorf("%w: no PEM block", ErrKeys)
		}
		priv, err := x509.ParsePKCS8PrivateKey(b.Bytes)
		if err != nil || !k.set(priv) {
			return nil, fmt.Errorf("%w: %v", ErrKeys, err)
		}
	}
	var err error
	if l.rsaText, err = keys.PublicPEM(&l.rsa.PublicKey); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeys, err)
	}
	j, err := keys.PublicJWK(&l.ec.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeys, err)
	}
	j.Kid, j.Alg, j.Use = ecKid, "ES256", "sig"
	if l.ecText, err = json.Marshal(j); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrKeys, err)
	}
	return l, nil
}

// PublicKeys are the lab's verification keys as an attacker finds them:
// the RSA key as PEM (kid "lab-rsa") and the EC key as a JWK (kid
// "lab-ec").
func (l *Lab) PublicKeys() map[string]string {
	return map[string]string{rsaKid: string(l.rsaText), ecKid: string(l.ecText)}
}

// Tokens are tokens the lab issued, as an attacker may hold them: a good
// access token of each key, tokens whose claims are wrong for the lab
// API, an ID token and a refresh token, and a token signed with the weak
// secret. Each is valid for an hour from now.
func (l *Lab) Tokens() (map[string]string, error) {
	now := l.now().Unix()
	claims := func(extra map[string]any) map[string]any {
		c := map[string]any{"iss": Issuer, "aud": Audience, "sub": "lab-user", "scope": "read", "iat": now, "exp": now + 3600}
		for k, v := range extra {
			if v == nil {
				delete(c, k)
				continue
			}
			c[k] = v
		}
		return c
	}
	ec := &keys.Key{Kid: ecKid, Private: l.ec, Public: &l.ec.PublicKey}
	rs := &keys.Key{Kid: rsaKid, Private: l.rsa, Public: &l.rsa.PublicKey}
	hs := &keys.Key{Kid: hsKid, Private: []byte(WeakSecret), Public: []byte(WeakSecret)}
	out := map[string]string{}
	for _, t := range []struct {
		name   string
		alg    string
		key    *keys.Key
		typ    string
		claims map[string]any
	}{
		{"access", "ES256", ec, "at+jwt", claims(nil)},
		{"access-rs256", "RS256", rs, "at+jwt", claims(nil)},
		{"expired", "ES256", ec, "at+jwt", claims(map[string]any{"iat": now - 7200, "exp": now - 3600})},
		{"not-yet-valid", "ES256", ec, "at+jwt", claims(map[string]any{"nbf": now + 3600, "exp": now + 7200})},
		{"other-audience", "ES256", ec, "at+jwt", claims(map[string]any{"aud": "another-service"})},
		{"other-issuer", "ES256", ec, "at+jwt", claims(map[string]any{"iss": "https://other-issuer.invalid"})},
		{"id-token", "ES256", ec, "JWT", claims(map[string]any{"aud": Audience, "nonce": "n-0S6_WzA2Mj", "scope": nil})},
		{"refresh", "ES256", ec, "refresh+jwt", claims(map[string]any{"exp": now + 30*86400})},
		{"weak-secret", "HS256", hs, "at+jwt", claims(nil)},
	} {
		header := map[string]any{"alg": t.alg, "typ": t.typ, "kid": t.key.Kid}
		tok, err := signRaw(header, t.claims, t.key)
		if err != nil {
			return nil, err
		}
		out[t.name] = tok
	}
	return out, nil
}

// signRaw signs with jot, except for the weak secret, which jot rightly
// refuses as shorter than the hash (RFC 7518 §3.2).
func signRaw(header, claims map[string]any, k *keys.Key) (string, error) {
	h, err := json.Marshal(header)
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	if secret, ok := k.Private.([]byte); ok {
		return rawjws.SignHS256(header, claims, secret)
	}
	return jot.SignJSON(h, c, k)
}
