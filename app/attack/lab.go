package attack

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// Errors of ForLab.
var (
	ErrNotCracked = errors.New("attack: crack the lab's weak-secret token first")
	ErrNoAttack   = errors.New("attack: no attack for that lab endpoint")
)

// ForLab builds the attacks that the attack lab's endpoint name falls
// to, from what the lab publishes: tokens it issued, by name, and its
// public keys, by kid ("lab-rsa" as PEM, "lab-ec" as a JWK). secret is
// the weak HMAC secret the cracker found, or "" before it has.
func ForLab(name string, tokens, publicKeys map[string]string, secret string, rand io.Reader, now time.Time) ([]Attack, error) {
	t, k := tokens, publicKeys
	one := func(a Attack, err error) ([]Attack, error) { return []Attack{a}, err }
	two := func(a Attack, err error, b func() (Attack, error)) ([]Attack, error) {
		if err != nil {
			return nil, err
		}
		c, err := b()
		return []Attack{a, c}, err
	}
	switch name {
	case "none":
		return AlgNone(t["access"])
	case "key-confusion":
		a, err := KeyConfusion(t["access-rs256"], k["lab-rsa"])
		return two(a, err, func() (Attack, error) { return KeyConfusion(t["access"], k["lab-ec"]) })
	case "kid-traversal":
		return one(KidTraversal(t["access"]))
	case "kid-sql":
		return one(KidSQL(t["access"]))
	case "jku":
		a, err := JKU(t["access"], rand)
		return two(a, err, func() (Attack, error) { return X5U(t["access"], rand, now) })
	case "jwk":
		return one(EmbeddedJWK(t["access"], rand))
	case "weak-secret":
		if secret == "" {
			return nil, ErrNotCracked
		}
		return one(Forge(t["weak-secret"], secret))
	case "psychic":
		return one(Psychic(t["access"]))
	case "claims":
		var out []Attack
		for _, n := range []string{"expired", "not-yet-valid", "other-audience", "other-issuer"} {
			out = append(out, Attack{Name: name, Label: n, Token: t[n], How: "A token the lab really issued, " + n + ": its signature is good, its claims are not."})
		}
		return out, nil
	case "substitution":
		return []Attack{
			{Name: name, Label: "ID token", Token: t["id-token"], How: "An ID token the lab issued to a client, presented as an access token."},
			{Name: name, Label: "refresh token", Token: t["refresh"], How: "A refresh token the lab issued, presented as an access token."},
		}, nil
	case "decode-only":
		return one(Tampered(t["access"]))
	}
	return nil, fmt.Errorf("%w: %q", ErrNoAttack, name)
}
