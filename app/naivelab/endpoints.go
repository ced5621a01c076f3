package naivelab

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Endpoint is one deliberately vulnerable verifier.
type Endpoint struct {
	Name    string // the path segment: /lab/naive/{Name}
	Mistake string // the one thing it does wrong
	Section string // where RFC 8725 (or the CVE) says not to
	verify  func(l *Lab, t *token) error
}

// ErrUnknown means no lab endpoint has the name asked for.
var ErrUnknown = errors.New("no such lab endpoint")

// Endpoints lists the lab's verifiers in the order the lab teaches them.
func Endpoints() []Endpoint {
	return []Endpoint{
		{"none", `takes alg "none" in any casing, or an empty signature, as "no signature needed"`, "RFC 8725 §3.1", (*Lab).verifyNone},
		{"key-confusion", "lets the token's alg choose how the key is used, so its public key becomes an HMAC secret", "RFC 8725 §3.1, §2.1", (*Lab).verifyByTokenAlg},
		{"kid-traversal", "reads the key from a file named by kid", "RFC 8725 §3.10", (*Lab).verifyKidFile},
		{"kid-sql", "looks kid up with SQL built by string concatenation", "RFC 8725 §3.10", (*Lab).verifyKidSQL},
		{"jku", "fetches the key set from the token's own jku (or the certificate from x5u)", "RFC 8725 §3.10, RFC 7515 §4.1.2", (*Lab).verifyJKU},
		{"jwk", "verifies with the key the token carries in its jwk header", "RFC 8725 §3.10, RFC 7515 §4.1.3", (*Lab).verifyEmbeddedJWK},
		{"weak-secret", `signs with the HMAC secret "` + WeakSecret + `", which any word list has`, "RFC 8725 §3.5, RFC 7518 §3.2", (*Lab).verifyWeakSecret},
		{"psychic", "checks ECDSA without requiring 0 < r, s < n, so r = s = 0 passes (CVE-2022-21449)", "RFC 8725 §3.4, FIPS 186-5 §6.4.2", (*Lab).verifyPsychic},
		{"claims", "checks the signature and ignores exp, nbf, iss and aud", "RFC 8725 §3.8, §3.9, RFC 7519 §4.1", (*Lab).verifySignatureOnly},
		{"substitution", "takes any token of its issuer, ID and refresh tokens too: typ is ignored", "RFC 8725 §3.11, RFC 9068 §4", (*Lab).verifyAnyType},
		{"decode-only", "decodes the claims and never checks the signature", "RFC 8725 §3.3, RFC 7515 §5.2", (*Lab).verifyDecodeOnly},
	}
}

// Verify runs the endpoint named name on a compact token and returns its
// claims when the endpoint, wrongly or not, accepts it.
func (l *Lab) Verify(name, tok string) (map[string]any, Endpoint, error) {
	for _, e := range Endpoints() {
		if e.Name != name {
			continue
		}
		t, err := parse(tok)
		if err != nil {
			return nil, e, err
		}
		if err := e.verify(l, t); err != nil {
			return nil, e, err
		}
		return t.claims, e, nil
	}
	return nil, Endpoint{}, fmt.Errorf("%w: %q", ErrUnknown, name)
}

// strict is what each endpoint does right: an ES256 access token of the
// lab's EC key, its times, issuer, audience and type checked.
func (l *Lab) strict(t *token) error {
	if err := l.signedByLab(t); err != nil {
		return err
	}
	if err := l.claimsOK(t); err != nil {
		return err
	}
	return typeOK(t)
}

func (l *Lab) signedByLab(t *token) error {
	switch t.str("kid") {
	case ecKid:
		return t.verifyPublic(&l.ec.PublicKey)
	case rsaKid:
		return t.verifyPublic(&l.rsa.PublicKey)
	}
	return fmt.Errorf("%w: unknown kid", ErrAlg)
}

// claimsOK checks exp and nbf (RFC 7519 §4.1.4, §4.1.5) without leeway,
// iss and aud (§4.1.1, §4.1.3).
func (l *Lab) claimsOK(t *token) error {
	now := float64(l.now().Unix())
	exp, ok := t.claims["exp"].(float64)
	if !ok || now >= exp {
		return fmt.Errorf("%w: expired, or no exp", ErrClaims)
	}
	if nbf, ok := t.claims["nbf"].(float64); ok && now < nbf {
		return fmt.Errorf("%w: not valid yet (nbf)", ErrClaims)
	}
	if iss, _ := t.claims["iss"].(string); iss != Issuer {
		return fmt.Errorf("%w: iss is not %s", ErrClaims, Issuer)
	}
	if aud, _ := t.claims["aud"].(string); aud != Audience {
		return fmt.Errorf("%w: aud is not %s", ErrClaims, Audience)
	}
	return nil
}

func typeOK(t *token) error {
	if typ := strings.ToLower(t.str("typ")); typ != "at+jwt" && typ != "application/at+jwt" {
		return ErrType
	}
	return nil
}

func (l *Lab) verifyNone(t *token) error {
	if strings.EqualFold(t.str("alg"), "none") || t.rawSig == "" {
		return l.afterSignature(t)
	}
	return l.strict(t)
}

// afterSignature is every check but the signature's.
func (l *Lab) afterSignature(t *token) error {
	if err := l.claimsOK(t); err != nil {
		return err
	}
	return typeOK(t)
}

func (l *Lab) verifyByTokenAlg(t *token) error {
	if t.str("alg") != "HS256" {
		return l.strict(t)
	}
	text := l.ecText
	if t.str("kid") == rsaKid {
		text = l.rsaText
	}
	if err := t.verifyHMAC(text); err != nil {
		return err
	}
	return l.afterSignature(t)
}

// labFiles are the files the kid-traversal endpoint can reach: its key
// file, and what every Unix system has.
var labFiles = map[string][]byte{"/srv/lab/keys/" + hsKid: labHMAC, "/dev/null": {}}

func (l *Lab) verifyKidFile(t *token) error {
	key, ok := labFiles[path.Join("/srv/lab/keys", t.str("kid"))]
	if !ok {
		return fmt.Errorf("%w: no key file for that kid", ErrAlg)
	}
	if err := t.verifyHMAC(key); err != nil {
		return err
	}
	return l.afterSignature(t)
}

func (l *Lab) verifyKidSQL(t *token) error {
	key, err := lookupKeySQL("SELECT secret FROM lab_keys WHERE kid = '" + t.str("kid") + "'")
	if err != nil {
		return err
	}
	if err := t.verifyHMAC(key); err != nil {
		return err
	}
	return l.afterSignature(t)
}

// verifyJKU trusts jku or x5u. The lab reaches no network, so it reads
// only data: URLs (RFC 2397), which is where an attacker's key is as
// good as on their own server.
func (l *Lab) verifyJKU(t *token) error {
	ref := t.str("jku")
	if ref == "" {
		ref = t.str("x5u")
	}
	if ref == "" {
		return l.strict(t)
	}
	text, err := readDataURL(ref)
	if err != nil {
		return err
	}
	pub, err := keyFromText(text, t.str("kid"))
	if err != nil {
		return err
	}
	if err := t.verifyPublic(pub); err != nil {
		return err
	}
	return l.afterSignature(t)
}

func (l *Lab) verifyEmbeddedJWK(t *token) error {
	j, ok := t.header["jwk"].(map[string]any)
	if !ok {
		return l.strict(t)
	}
	text, err := jsonText(j)
	if err != nil {
		return err
	}
	pub, err := keyFromText(text, "")
	if err != nil {
		return err
	}
	if err := t.verifyPublic(pub); err != nil {
		return err
	}
	return l.afterSignature(t)
}

func (l *Lab) verifyWeakSecret(t *token) error {
	if err := t.verifyHMAC([]byte(WeakSecret)); err != nil {
		return err
	}
	return l.afterSignature(t)
}

func (l *Lab) verifyPsychic(t *token) error {
	if t.str("alg") != "ES256" || t.str("kid") != ecKid {
		return ErrAlg
	}
	if !psychicVerify(&l.ec.PublicKey, t.input, t.sig) {
		return ErrSignature
	}
	return l.afterSignature(t)
}

func (l *Lab) verifySignatureOnly(t *token) error { return l.signedByLab(t) }

func (l *Lab) verifyAnyType(t *token) error {
	if err := l.signedByLab(t); err != nil {
		return err
	}
	return l.claimsOK(t)
}

func (l *Lab) verifyDecodeOnly(*token) error { return nil }

// readDataURL returns the content of a data: URL (RFC 2397), and refuses
// every other scheme.
func readDataURL(ref string) ([]byte, error) {
	rest, ok := strings.CutPrefix(ref, "data:")
	if !ok {
		return nil, fmt.Errorf("%w: the lab fetches nothing but data: URLs", ErrAlg)
	}
	meta, data, ok := strings.Cut(rest, ",")
	if !ok {
		return nil, fmt.Errorf("%w: a data: URL without a comma", ErrAlg)
	}
	if strings.HasSuffix(meta, ";base64") {
		b, err := base64.StdEncoding.DecodeString(data)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrAlg, err)
		}
		return b, nil
	}
	s, err := url.PathUnescape(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrAlg, err)
	}
	return []byte(s), nil
}

func jsonText(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrAlg, err)
	}
	return b, nil
}
