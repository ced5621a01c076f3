package keys_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

type wycheproofJWK struct {
	TestGroups []struct {
		Comment string          `json:"comment"`
		Private json.RawMessage `json:"private"`
		Public  json.RawMessage `json:"public"`
		Tests   []struct {
			TcID    int      `json:"tcId"`
			Comment string   `json:"comment"`
			JWS     string   `json:"jws"`
			Result  string   `json:"result"`
			Flags   []string `json:"flags"`
		} `json:"tests"`
	} `json:"testGroups"`
}

// jwkDecision is what this package decides for one Wycheproof key set:
// the error ParseSet returns (nil when it parses), and then the error a
// signature-only jot.Verify of the case's token returns.
type jwkDecision struct {
	parseErr, verifyErr error
	why                 string
}

var jwkDecisions = map[int]jwkDecision{
	// Labelled invalid with the flags MixedKeySet and Ambiguous. A set
	// that holds a secret and a public key is accepted: each alg is pinned
	// to its key type, so the EC key can never act as an HMAC secret, and
	// PublicSet never publishes the secret. The HS256 token verifies with
	// the secret: the one deliberate disagreement with a label.
	1: {why: "mixed set accepted (Ambiguous), token valid under its own key"},
	2: {why: "valid"},
	3: {verifyErr: jot.ErrSignature, why: "modified signature"},
	// The second key shares the kid, but its k also has non-zero trailing
	// bits, which fails first; TestParseSet covers the duplicate kid alone.
	4:  {parseErr: keys.ErrJWK, why: "duplicate kid, and k not strict base64url"},
	5:  {why: "valid"},
	6:  {verifyErr: jot.ErrKeyType, why: "key has use enc and alg RSA1_5"},
	7:  {parseErr: keys.ErrWeakKey, why: "ROCA modulus"},
	8:  {parseErr: keys.ErrWeakKey, why: "1024-bit RSA"},
	9:  {parseErr: keys.ErrWeakKey, why: "public exponent 1"},
	10: {verifyErr: jot.ErrHMACKeyTooShort, why: "31-byte HS256 key: the length rule depends on the alg, so Verify enforces it"},
	11: {verifyErr: jot.ErrHMACKeyTooShort, why: "47-byte HS384 key"},
	12: {verifyErr: jot.ErrHMACKeyTooShort, why: "63-byte HS512 key"},
	13: {why: "valid"},
	14: {why: "valid"},
	15: {why: "valid"},
	16: {parseErr: keys.ErrJWK, why: "empty k"},
	17: {parseErr: keys.ErrJWK, why: "empty k"},
	18: {parseErr: keys.ErrJWK, why: "empty k"},
	19: {verifyErr: jot.ErrKeyType, why: "key alg ES521 on P-256, token ES256"},
	20: {verifyErr: jot.ErrKeyType, why: "key alg ES224"},
	21: {verifyErr: jot.ErrKeyType, why: "key has use enc"},
	22: {parseErr: keys.ErrNotOnCurve, why: "point off the curve"},
	23: {parseErr: keys.ErrJWK, why: "P-256 coordinates under crv P-384"},
	24: {parseErr: keys.ErrJWK, why: "EC members under kty RSA"},
	25: {verifyErr: jot.ErrKeyType, why: "oct key for A256GCM"},
	26: {verifyErr: jot.ErrKeyType, why: "oct key for A256KW"},
}

// TestWycheproofJWK runs the Wycheproof key set cases: ParseSet on the
// public set (the private one for HMAC groups, which have no public
// half), then jot.Verify. Both the parse decision and the end result are
// asserted; the result matches the label except for tc 1 (see above).
func TestWycheproofJWK(t *testing.T) {
	var file wycheproofJWK
	loadVectors(t, "wycheproof/json_web_key_test.json", &file)
	seen := 0
	for _, g := range file.TestGroups {
		raw := g.Public
		if len(raw) == 0 {
			raw = g.Private
		}
		set, parseErr := keys.ParseSet(raw)
		// The private set, when there is one, gets the same decision.
		if len(g.Public) > 0 {
			if _, privErr := keys.ParseSet(g.Private); (privErr == nil) != (parseErr == nil) {
				t.Errorf("group %s: public set %v, private set %v", g.Comment, parseErr, privErr)
			}
		}
		for _, tc := range g.Tests {
			seen++
			t.Run(fmt.Sprintf("tc%d_%s", tc.TcID, tc.Comment), func(t *testing.T) {
				d, ok := jwkDecisions[tc.TcID]
				if !ok {
					t.Fatal("no decision for this case")
				}
				if !errors.Is(parseErr, d.parseErr) || d.parseErr == nil && parseErr != nil {
					t.Fatalf("ParseSet = %v, want %v (%s)", parseErr, d.parseErr, d.why)
				}
				var err error
				if parseErr != nil {
					err = parseErr
				} else {
					_, err = jot.Verify(tc.JWS, jot.KeySet{Set: set}, jot.WithSignatureOnly())
					if !errors.Is(err, d.verifyErr) || d.verifyErr == nil && err != nil {
						t.Fatalf("Verify = %v, want %v (%s)", err, d.verifyErr, d.why)
					}
				}
				accepted, labelled := err == nil, tc.Result == "valid"
				if tc.TcID == 1 {
					if accepted == labelled {
						t.Fatal("tc 1 now agrees with its label: update the decision")
					}
				} else if accepted != labelled {
					t.Fatalf("label %s, result %v", tc.Result, err)
				}
			})
		}
	}
	if seen != len(jwkDecisions) {
		t.Errorf("ran %d cases, decided %d", seen, len(jwkDecisions))
	}
}
