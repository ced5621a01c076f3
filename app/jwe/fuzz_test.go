package jwe_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
)

var sentinels = []error{
	jwe.ErrNotJWE, jwe.ErrHeader, jwe.ErrRefused, jwe.ErrPBES2, jwe.ErrUnsupported, jwe.ErrCrit,
	jwe.ErrNoKey, jwe.ErrKey, jwe.ErrDecrypt, jwe.ErrTooLarge, jwe.ErrZip, jwe.ErrAuthJS,
}

// FuzzDecrypt feeds untrusted tokens to Decrypt and DecryptAuthJS with
// fixed keys: no panic, every error wraps a sentinel, and a success has the
// header's alg and enc among those accepted.
func FuzzDecrypt(f *testing.F) {
	var fx joseFixtures
	loadJSON(f, "jose.json", &fx)
	for _, tok := range fx.Tokens {
		f.Add(tok.Token)
	}
	var cookies []authjsCookie
	loadJSON(f, "authjs.json", &cookies)
	for _, c := range cookies {
		f.Add(c.Token)
	}
	f.Add(fakeJWE(`{"alg":"PBES2-HS256+A128KW","enc":"A128GCM","p2c":2147483647,"p2s":""}`))
	f.Add(fakeJWE(`{"alg":"dir","enc":"A128GCM","zip":"DEF"}`))
	f.Add("....")
	f.Add("Bearer a.b.c.d.e")
	rsa, ec, kw := keyFor(f, "RSA-OAEP-256"), keyFor(f, "ECDH-ES"), secret(16)
	f.Fuzz(func(t *testing.T, token string) {
		for _, km := range []*jot.KeyMaterial{rsa, ec, kw} {
			r, err := jwe.Decrypt(token, km)
			check(t, r, err)
		}
		r, err := jwe.DecryptAuthJS(token, "secret", jwe.AuthJSV5, "authjs.session-token")
		check(t, r, err)
	})
}

func check(t *testing.T, r *jwe.Result, err error) {
	t.Helper()
	if err != nil {
		for _, s := range sentinels {
			if errors.Is(err, s) {
				return
			}
		}
		t.Fatalf("error wraps no sentinel: %v", err)
	}
	joined := "," + strings.Join(jwe.KeyAlgorithms(), ",") + ","
	if !strings.Contains(joined, ","+r.Alg+",") || r.Plaintext == nil {
		t.Fatalf("accepted alg %q, plaintext %v", r.Alg, r.Plaintext)
	}
}
