package jot_test

import (
	"testing"

	"github.com/authlab/authlab/app/jot"
)

// FuzzCheck feeds arbitrary tokens and key text, read in every secret
// encoding, through ReadKey, Check and Lint, as the workbench does on each
// keystroke: each answer has a known state and a reason, and nothing
// panics.
func FuzzCheck(f *testing.F) {
	f.Add(wbToken(goodHeader, goodClaims), "secret", uint8(0))
	f.Add("eyJhbGciOiJIUzI1NiJ9.e30.", "c2VjcmV0", uint8(1))
	f.Add("a.b.c.d.e", `{"keys":[{"kty":"oct","k":"AA"}]}`, uint8(2))
	f.Add(wbToken(`{"alg":"ES256","kid":"k"}`, `{}`), `{"kty":"EC","crv":"P-256","x":"","y":""}`, uint8(3))
	f.Add(wbToken(`{"alg":"RS256"}`, `{"exp":1}`), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", uint8(0))
	states := map[string]bool{jot.StateValid: true, jot.StateInvalid: true, jot.StateUnverified: true, jot.StateMalformed: true}
	f.Fuzz(func(t *testing.T, token, key string, enc uint8) {
		encs := jot.SecretEncodings()
		km := jot.ReadKey(key, encs[int(enc)%len(encs)])
		in := jot.Inspect(token)
		v := jot.Check(in, km, wbClock())
		if !states[v.State] || v.Reason == "" {
			t.Fatalf("verdict %+v", v)
		}
		if v.State == jot.StateValid && (v.Key == nil || v.Token == nil || v.Err != nil) {
			t.Fatalf("valid without a key or token: %+v", v)
		}
		if v.State != jot.StateValid && v.State != jot.StateUnverified && v.Err == nil {
			t.Fatalf("%s without an error: %+v", v.State, v)
		}
		jot.Lint(in, jot.LintConfig{Now: wbNow, Secret: km.Secret(), SecretText: key})
	})
}
