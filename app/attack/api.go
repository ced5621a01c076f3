package attack

import (
	"io"
	"time"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/snippet"
)

// Probe is one attack token aimed at a person's own API, with the curl
// command that sends it and what a correct API answers.
type Probe struct {
	Attack
	Curl   string
	Expect string
}

// refusal is what every probe must get: each token is forged, so a
// correct API refuses it with RFC 6750 §3.1's invalid_token.
const refusal = "401 with WWW-Authenticate: Bearer error=\"invalid_token\": "

// ForAPI builds every attack that applies to token, the person's own, for
// the API at url. publicKeyText, the API's verification key as PEM, JWK or
// JWK Set, adds the key confusion attack when given. Nothing is sent: the
// probes are for the person to run.
func ForAPI(token, publicKeyText, url string, rand io.Reader, now time.Time) ([]Probe, error) {
	var attacks []Attack
	none, err := AlgNone(token)
	if err != nil {
		return nil, err
	}
	attacks = append(attacks, none...)
	builders := []func() (Attack, error){
		func() (Attack, error) { return Tampered(token) },
		func() (Attack, error) { return KidTraversal(token) },
		func() (Attack, error) { return KidSQL(token) },
		func() (Attack, error) { return JKU(token, rand) },
		func() (Attack, error) { return X5U(token, rand, now) },
		func() (Attack, error) { return EmbeddedJWK(token, rand) },
		func() (Attack, error) { return Psychic(token) },
	}
	if publicKeyText != "" {
		builders = append(builders, func() (Attack, error) { return KeyConfusion(token, publicKeyText) })
	}
	for _, b := range builders {
		a, err := b()
		if err != nil {
			return nil, err
		}
		attacks = append(attacks, a)
	}
	probes := make([]Probe, 0, len(attacks))
	for _, a := range attacks {
		probes = append(probes, Probe{
			Attack: a,
			Curl: snippet.Curl(&httpmsg.Request{Method: "GET", URL: url,
				Header: []httpmsg.Field{{Name: "Authorization", Value: "Bearer " + a.Token}}}),
			Expect: refusal + expectations[a.Name],
		})
	}
	return probes, nil
}

// expectations say, per attack, why a correct API refuses.
var expectations = map[string]string{
	"none":          "an unsecured or unsigned token is never accepted (RFC 8725 §3.1).",
	"decode-only":   "the signature no longer matches the changed claims (RFC 7515 §5.2).",
	"kid-traversal": "kid is an opaque name to look up, never a path, and the algorithm is pinned to the key (RFC 8725 §3.10).",
	"kid-sql":       "kid is an opaque name to look up, never SQL, and the algorithm is pinned to the key (RFC 8725 §3.10).",
	"jku":           "keys come from the API's own configuration, never from a URL the token names (RFC 8725 §3.10).",
	"jwk":           "a key the token carries proves nothing about who signed it (RFC 8725 §3.10).",
	"psychic":       "an ECDSA signature needs 0 < r, s < n (FIPS 186-5 §6.4.2, CVE-2022-21449).",
	"key-confusion": "the algorithm is pinned to the key's type, so a public key is never an HMAC secret (RFC 8725 §3.1).",
}
