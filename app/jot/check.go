package jot

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/keys"
)

// Verdict states, as the workbench shows them.
const (
	StateValid      = "valid"      // signature and claims check out
	StateInvalid    = "invalid"    // a check failed
	StateUnverified = "unverified" // decoded, but no usable key
	StateMalformed  = "malformed"  // not a decodable JWS
	// StateWeakKey: the HMAC signature matches the secret given, but the
	// secret is shorter than RFC 7518 §3.2 allows, so the token is still
	// refused. jwt.io's demo token, signed with "your-256-bit-secret",
	// lands here.
	StateWeakKey = "weak-key"
)

// Verdict is the outcome of checking a token with the key a person gave,
// said in words.
type Verdict struct {
	State  string
	Reason string    // one or two sentences: what was checked and why it failed
	Hint   string    // a way out, such as another reading of the secret
	Err    error     // the error behind an invalid verdict
	Token  *Token    // set when the signature verified
	Key    *keys.Key // the key that verified the signature
}

// Check verifies an inspected token with km (nil when no key was given)
// and explains the outcome. opts are those of Verify: the clock, leeway,
// and any expected issuer and audience.
func Check(in *Inspection, km *KeyMaterial, opts ...Option) *Verdict {
	switch {
	case in.JWE:
		return &Verdict{State: StateUnverified, Reason: "This is a JWE (RFC 7516): it is encrypted, not signed. Its protected header is shown; the content needs the recipient's key."}
	case in.Err() != nil:
		return &Verdict{State: StateMalformed, Reason: sentence(in.Err().Error()), Err: in.Err()}
	case strings.EqualFold(in.Alg(), "none"):
		return &Verdict{State: StateInvalid, Err: ErrAlgNone,
			Reason: "alg is \"none\": an unsecured token that anyone can write. It is never accepted (RFC 8725 §3.1)."}
	case km == nil || km.Format == "":
		return &Verdict{State: StateUnverified, Reason: "Decoded, not verified: give a secret, a public key (PEM or JWK) or a JWK Set to check the signature."}
	case km.Err != nil:
		return &Verdict{State: StateUnverified, Err: km.Err, Hint: otherReading(in, km),
			Reason: "Not verified: the " + formatName(km) + " could not be read: " + km.Err.Error() + "."}
	}
	token := in.Raw[0] + "." + in.Raw[1] + "." + in.Raw[2]
	t, err := Verify(token, km.keySource(), opts...)
	v := &Verdict{State: StateValid, Token: t, Err: err}
	if t != nil {
		v.Key = t.Key
	}
	if err == nil {
		v.Reason = "Signature verified with " + keyName(km, t.Key) + ", and the claims are valid."
		return v
	}
	v.State = StateInvalid
	switch {
	case t != nil:
		v.Reason = "The signature is valid, but the " + err.Error() + "."
	case errors.Is(err, ErrSignature):
		v.Reason = "The signature does not match " + keyName(km, nil) + ". The token was signed with another key, or changed after signing."
		v.Hint = otherReading(in, km)
	case errors.Is(err, ErrHMACKeyTooShort) && macMatches(in, km.Secret()):
		v.State = StateWeakKey
		v.Reason = "The signature matches " + keyName(km, nil) + ", but the secret is too short to be safe: " +
			err.Error() + " (RFC 7518 §3.2), so it can be guessed offline from any token it signed. A strict verifier refuses it; sign with a random secret of at least the hash's length."
	case errors.Is(err, ErrHMACKeyTooShort):
		v.Reason = "The signature does not match " + keyName(km, nil) + ". The token was signed with another key, or changed after signing. The secret is also too short to be accepted: " +
			err.Error() + " (RFC 7518 §3.2)."
		v.Hint = otherReading(in, km)
	case errors.Is(err, ErrKeyType):
		v.Reason = "Wrong key: " + err.Error() + "."
		if km.Format == FormatSecret {
			v.Hint = in.Alg() + " is verified with a public key: paste it as PEM (\"-----BEGIN PUBLIC KEY-----\") or as a JWK. Text that is neither is read as an HMAC secret."
		}
	case errors.Is(err, ErrKeyNotFound):
		v.Reason = "No key: " + err.Error() + "." + kidList(km)
	default:
		v.Reason = "Refused: " + err.Error() + "."
	}
	return v
}

func formatName(km *KeyMaterial) string {
	switch km.Format {
	case FormatSecret:
		return "secret (read as " + km.Encoding.Label() + ")"
	case FormatJWKS:
		return "JWK Set"
	}
	return km.Format + " key"
}

func keyName(km *KeyMaterial, k *keys.Key) string {
	switch km.Format {
	case FormatSecret:
		return "the secret read as " + km.Encoding.Label()
	case FormatJWKS:
		if k != nil && k.Kid != "" {
			return fmt.Sprintf("the key %q of the JWK Set", k.Kid)
		}
		return "the JWK Set"
	}
	return "the " + keys.Describe(km.Set.Keys[0]) + " (" + km.Format + ")"
}

func kidList(km *KeyMaterial) string {
	var kids []string
	for _, k := range km.Set.Keys {
		if k.Kid != "" && len(kids) < 8 {
			kids = append(kids, fmt.Sprintf("%q", k.Kid))
		}
	}
	if len(kids) == 0 {
		return ""
	}
	return " The keys given have kid " + strings.Join(kids, ", ") + "."
}

// otherReading looks for a reading of the secret text, other than the one
// chosen, under which the HMAC signature matches.
func otherReading(in *Inspection, km *KeyMaterial) string {
	if km.Format != FormatSecret {
		return ""
	}
	current := km.Secret()
	for _, r := range SecretReadings(km.Text) {
		if (r.Encoding == km.Encoding && !r.Trimmed) || hmac.Equal(r.Key, current) {
			continue
		}
		if macMatches(in, r.Key) {
			return "The signature matches if the secret is read as " + r.Describe() + "."
		}
	}
	return ""
}

// macMatches reports whether secret produces the token's HMAC signature,
// whatever its length.
func macMatches(in *Inspection, secret []byte) bool {
	a, err := LookupAlgorithm(in.Alg())
	if err != nil || a.Family != "HMAC" || len(secret) == 0 {
		return false
	}
	mac := hmac.New(a.Hash.New, secret)
	mac.Write([]byte(in.Raw[0] + "." + in.Raw[1]))
	return hmac.Equal(mac.Sum(nil), in.Signature)
}

// sentence capitalises msg and ends it with a full stop.
func sentence(msg string) string {
	if msg == "" {
		return msg
	}
	if c := msg[0]; c >= 'a' && c <= 'z' {
		msg = string(c-'a'+'A') + msg[1:]
	}
	return msg + "."
}
