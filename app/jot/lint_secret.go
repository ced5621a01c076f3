package jot

import (
	"fmt"
	"math"
	"strings"
)

// minSecretBits is the entropy RFC 8725 §3.5 and RFC 7518 §3.2 ask of an
// HMAC key: no less than the security level of the hash, 128 bits at least.
const minSecretBits = 128

// EntropyBits estimates the entropy of a secret in bits: its length times
// the Shannon entropy of its byte frequencies. It is an upper estimate: a
// secret that scores low is weak, one that scores high may still be a
// guessable phrase.
func EntropyBits(b []byte) float64 {
	if len(b) == 0 {
		return 0
	}
	var freq [256]int
	for _, c := range b {
		freq[c]++
	}
	n := float64(len(b))
	h := 0.0
	for _, f := range freq {
		if f > 0 {
			p := float64(f) / n
			h -= p * math.Log2(p)
		}
	}
	return h * n
}

func lintSecret(alg string, secret []byte, text string, add func(Finding)) {
	var why []string
	sev := SeverityWarning
	if IsKnownWeakSecret(text) || IsKnownWeakSecret(string(secret)) {
		why = append(why, "it is a well-known demo secret, in every token cracker's wordlist")
		sev = SeverityError
	}
	if a, err := LookupAlgorithm(alg); err == nil && len(secret) < a.Hash.Size() {
		why = append(why, fmt.Sprintf("it is %d bytes, and %s needs at least %d", len(secret), a.Name, a.Hash.Size()))
		sev = SeverityError
	}
	if bits := EntropyBits(secret); bits < minSecretBits {
		why = append(why, fmt.Sprintf("it carries about %.0f bits of entropy, under %d", bits, minSecretBits))
		if bits < minSecretBits/2 {
			sev = SeverityError
		}
	}
	if len(why) == 0 {
		return
	}
	add(Finding{"weak-secret", sev,
		"The HMAC secret is weak: " + strings.Join(why, "; ") + ".",
		"Anyone who guesses an HMAC secret can sign tokens. Use at least as many random bytes as the hash (32 for HS256), from a CSPRNG, such as the generator on this page.",
		"RFC 8725 §3.5, RFC 7518 §3.2"})
}
