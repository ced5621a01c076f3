package jot_test

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// wbNow is the fixed clock of the workbench tests.
var wbNow = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

func wbClock() jot.Option { return jot.WithTimeFunc(func() time.Time { return wbNow }) }

// wbKeys holds one generated key per alg, made once: RSA generation is
// slow under js/wasm, so the RS and PS algs share one RSA key.
var wbKeys = sync.OnceValue(func() map[string]*keys.Key {
	m := map[string]*keys.Key{}
	var rsaKey *keys.Key
	for _, alg := range jot.Algorithms() {
		if rsaKey != nil && (alg[:2] == "RS" || alg[:2] == "PS") {
			m[alg] = rsaKey
			continue
		}
		k, err := keys.GenerateFor(alg, rand.Reader)
		if err != nil {
			panic(err)
		}
		if alg == "RS256" {
			k.Alg, rsaKey = "", k
		}
		m[alg] = k
	}
	return m
})

// wbSign signs claims under a header naming alg (and kid, when given).
func wbSign(t testing.TB, alg, kid, claims string, k *keys.Key) string {
	t.Helper()
	header := fmt.Sprintf(`{"alg":%q,"typ":"JWT"}`, alg)
	if kid != "" {
		header = fmt.Sprintf(`{"alg":%q,"typ":"JWT","kid":%q}`, alg, kid)
	}
	tok, err := jot.SignJSON([]byte(header), []byte(claims), k)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func wbClaims(exp time.Time) string {
	return fmt.Sprintf(`{"iss":"https://as.example","aud":"api","sub":"u1","iat":%d,"exp":%d}`, wbNow.Unix()-60, exp.Unix())
}

// keyTexts writes a key in every form a person could paste it.
func keyTexts(t testing.TB, k *keys.Key) map[string]string {
	t.Helper()
	out := map[string]string{}
	if secret, ok := k.Private.([]byte); ok {
		out["base64"] = base64.StdEncoding.EncodeToString(secret)
		out["base64url"] = base64.RawURLEncoding.EncodeToString(secret)
		out["hex"] = hex.EncodeToString(secret)
		return out
	}
	pub, err := keys.PublicPEM(k.Public)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := keys.PrivatePEM(k.Private)
	if err != nil {
		t.Fatal(err)
	}
	jwk, err := keys.MarshalJWK(k, false)
	if err != nil {
		t.Fatal(err)
	}
	out["public PEM"], out["private PEM"], out["JWK"] = string(pub), string(priv), string(jwk)
	out["JWKS"] = `{"keys":[{"kty":"oct","kid":"other","k":"` + strings.Repeat("A", 43) + `"},` + string(jwk) + `]}`
	return out
}

// TestCheckEveryAlg verifies a token of every alg with its key in every
// form: secrets in each encoding; PEM public and private; JWK; JWK Set.
func TestCheckEveryAlg(t *testing.T) {
	for _, alg := range jot.Algorithms() {
		k := wbKeys()[alg]
		tok := wbSign(t, alg, k.Kid, wbClaims(wbNow.Add(time.Hour)), k)
		for form, text := range keyTexts(t, k) {
			t.Run(alg+"/"+form, func(t *testing.T) {
				enc := jot.SecretUTF8
				if strings.HasPrefix(alg, "HS") {
					enc = jot.SecretEncoding(form)
				}
				v := jot.Check(jot.Inspect(tok), jot.ReadKey(text, enc), wbClock())
				if v.State != jot.StateValid || v.Err != nil {
					t.Fatalf("verdict %s: %s (%v)", v.State, v.Reason, v.Err)
				}
				if v.Key == nil || v.Token.Alg.Name != alg {
					t.Errorf("key %v, alg %v", v.Key, v.Token.Alg)
				}
			})
		}
	}
}

func TestCheckExplains(t *testing.T) {
	// A secret whose base64 and base64url forms differ: "+/" against "-_".
	secret := []byte(strings.Repeat("\xfb\xff\xbf", 11)[:32])
	hk := &keys.Key{Public: secret, Private: secret}
	b64 := base64.StdEncoding.EncodeToString(secret)
	b64url := base64.RawURLEncoding.EncodeToString(secret)
	hexed := hex.EncodeToString(secret)
	live := wbClaims(wbNow.Add(time.Hour))
	hs := wbSign(t, "HS256", "", live, hk)
	textKey := &keys.Key{Public: []byte(b64), Private: []byte(b64)} // the base64 text used as UTF-8 bytes
	hsText := wbSign(t, "HS256", "", live, textKey)
	demo := []byte("your-256-bit-secret")
	hsDemo := hmacToken(t, `{"alg":"HS256","typ":"JWT"}`, live, demo)
	demoParts := strings.Split(hsDemo, ".")
	hsDemoTampered := demoParts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin"}`)) + "." + demoParts[2]
	ec := wbKeys()["ES256"]
	ecTexts := keyTexts(t, ec)
	es := wbSign(t, "ES256", ec.Kid, live, ec)
	esNoKid := wbSign(t, "ES256", "", live, ec)
	rs := wbSign(t, "RS256", "", live, wbKeys()["RS256"])
	p384 := keyTexts(t, wbKeys()["ES384"])["public PEM"]
	rsaPEM := keyTexts(t, wbKeys()["RS256"])["public PEM"]
	expired := wbSign(t, "ES256", ec.Kid, wbClaims(wbNow.Add(-2*time.Hour)), ec)
	future := wbSign(t, "ES256", ec.Kid, fmt.Sprintf(`{"nbf":%d,"exp":%d}`, wbNow.Unix()+600, wbNow.Unix()+3600), ec)
	parts := strings.Split(es, ".")
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin"}`)) + "." + parts[2]
	jwe := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"RSA-OAEP","enc":"A256GCM"}`)) + ".a2V5.aXY.Y2lwaGVy.dGFn"
	none := wbToken(`{"alg":"none"}`, live)
	none = none[:strings.LastIndexByte(none, '.')+1]

	tests := []struct {
		name    string
		token   string
		key     string
		enc     jot.SecretEncoding
		opts    []jot.Option
		state   string
		reason  []string // fragments the reason must contain
		hint    string
		wantErr error
	}{
		{name: "HS256 right secret", token: hs, key: b64, enc: jot.SecretBase64, state: jot.StateValid, reason: []string{"Signature verified", "base64"}},
		{name: "HS256 wrong secret", token: hs, key: strings.Repeat("x", 40), state: jot.StateInvalid, reason: []string{"does not match", "UTF-8"}, wantErr: jot.ErrSignature},
		{name: "base64 secret read as UTF-8", token: hs, key: b64, enc: jot.SecretUTF8, state: jot.StateInvalid, hint: "read as base64.", wantErr: jot.ErrSignature},
		{name: "base64url secret read as base64", token: hs, key: b64url, enc: jot.SecretBase64, state: jot.StateUnverified, reason: []string{"not base64"}, hint: "read as base64url", wantErr: jot.ErrSecretEncoding},
		{name: "base64 secret read as base64url", token: hs, key: b64, enc: jot.SecretBase64URL, state: jot.StateUnverified, hint: "read as base64.", wantErr: jot.ErrSecretEncoding},
		{name: "hex secret read as UTF-8", token: hs, key: hexed, enc: jot.SecretUTF8, state: jot.StateInvalid, hint: "read as hex", wantErr: jot.ErrSignature},
		{name: "text secret read as base64", token: hsText, key: b64, enc: jot.SecretBase64, state: jot.StateInvalid, hint: "read as UTF-8 text", wantErr: jot.ErrSignature},
		{name: "secret pasted with a newline", token: hsText, key: b64 + "\n", enc: jot.SecretUTF8, state: jot.StateInvalid, hint: "without the surrounding whitespace", wantErr: jot.ErrSignature},
		{name: "short demo secret that matches", token: hsDemo, key: "your-256-bit-secret", state: jot.StateWeakKey, reason: []string{"signature matches", "at least 32 bytes", "19", "RFC 7518 §3.2"}, wantErr: jot.ErrHMACKeyTooShort},
		{name: "short demo secret, tampered token", token: hsDemoTampered, key: "your-256-bit-secret", state: jot.StateInvalid, reason: []string{"does not match", "changed after signing", "RFC 7518 §3.2"}, wantErr: jot.ErrHMACKeyTooShort},
		{name: "short secret that does not match", token: hsDemo, key: "nope", state: jot.StateInvalid, reason: []string{"does not match", "shorter than the hash"}, wantErr: jot.ErrHMACKeyTooShort},
		{name: "RS256 with a secret", token: rs, key: "a secret that is long enough, surely, yes", state: jot.StateInvalid, reason: []string{"RS256 needs an RSA key", "shared secret"}, hint: "PEM", wantErr: jot.ErrKeyType},
		{name: "ES256 with a P-384 key", token: es, key: p384, state: jot.StateInvalid, reason: []string{"P-256", "P-384"}, wantErr: jot.ErrKeyType},
		{name: "ES256 with an RSA key", token: esNoKid, key: rsaPEM, state: jot.StateInvalid, reason: []string{"RSA key (2048 bits)"}, wantErr: jot.ErrKeyType},
		{name: "ES256 from a private PEM", token: es, key: ecTexts["private PEM"], state: jot.StateValid, reason: []string{"EC P-256 private key (PEM)"}},
		{name: "kid not in the set", token: wbSign(t, "ES256", "nope", live, ec), key: ecTexts["JWKS"], state: jot.StateInvalid, reason: []string{`"nope"`, `"other"`, ec.Kid}, wantErr: jot.ErrKeyNotFound},
		{name: "no kid: every key of the set tried", token: esNoKid, key: ecTexts["JWKS"], state: jot.StateValid, reason: []string{ec.Kid}},
		{name: "JWK with another kid", token: wbSign(t, "ES256", "nope", live, ec), key: ecTexts["JWK"], state: jot.StateInvalid, reason: []string{`"nope"`}, wantErr: jot.ErrKeyNotFound},
		{name: "tampered payload", token: tampered, key: ecTexts["JWK"], state: jot.StateInvalid, reason: []string{"changed after signing"}, wantErr: jot.ErrSignature},
		{name: "expired, with the times", token: expired, key: ecTexts["JWK"], state: jot.StateInvalid, reason: []string{"signature is valid", "expired", "2026-05-06T05:08:09Z", "2026-05-06T07:08:09Z", "2h0m0s ago"}, wantErr: jot.ErrExpired},
		{name: "expired, within leeway", token: expired, key: ecTexts["JWK"], opts: []jot.Option{jot.WithLeeway(3 * time.Hour)}, state: jot.StateValid},
		{name: "not yet valid", token: future, key: ecTexts["JWK"], state: jot.StateInvalid, reason: []string{"not valid yet", "2026-05-06T07:18:09Z"}, wantErr: jot.ErrNotYetValid},
		{name: "iss expected", token: es, key: ecTexts["JWK"], opts: []jot.Option{jot.WithIssuer("https://other.example")}, state: jot.StateInvalid, reason: []string{"iss does not match", "https://other.example"}, wantErr: jot.ErrIssuer},
		{name: "aud expected", token: es, key: ecTexts["JWK"], opts: []jot.Option{jot.WithAudience("web")}, state: jot.StateInvalid, reason: []string{"aud does not match", `"web"`}, wantErr: jot.ErrAudience},
		{name: "iss and aud as expected", token: es, key: ecTexts["JWK"], opts: []jot.Option{jot.WithIssuer("https://as.example"), jot.WithAudience("api")}, state: jot.StateValid},
		{name: "alg none, even without a key", token: none, state: jot.StateInvalid, reason: []string{"none", "RFC 8725"}, wantErr: jot.ErrAlgNone},
		{name: "no key", token: es, state: jot.StateUnverified, reason: []string{"not verified"}},
		{name: "unreadable PEM", token: es, key: "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", state: jot.StateUnverified, reason: []string{"PEM key could not be read"}},
		{name: "unreadable JWK", token: es, key: `{"kty":"EC","crv":"P-256"}`, state: jot.StateUnverified, reason: []string{"JWK key could not be read"}},
		{name: "secret not hex", token: hs, key: "xyz", enc: jot.SecretHex, state: jot.StateUnverified, reason: []string{"secret (read as hex) could not be read"}},
		{name: "malformed", token: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi!.sig", key: b64, state: jot.StateMalformed, reason: []string{"Payload:", "'!'"}, wantErr: jot.ErrBase64},
		{name: "JWE", token: jwe, key: b64, state: jot.StateUnverified, reason: []string{"JWE", "encrypted"}},
		{name: "Bearer prefix", token: "Bearer " + es, key: ecTexts["JWK"], state: jot.StateValid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var km *jot.KeyMaterial
			if tt.key != "" {
				km = jot.ReadKey(tt.key, tt.enc)
			}
			opts := append([]jot.Option{wbClock()}, tt.opts...)
			v := jot.Check(jot.Inspect(tt.token), km, opts...)
			if v.State != tt.state {
				t.Fatalf("state %s, want %s: %s", v.State, tt.state, v.Reason)
			}
			for _, frag := range tt.reason {
				if !strings.Contains(v.Reason, frag) {
					t.Errorf("reason %q does not say %q", v.Reason, frag)
				}
			}
			if tt.hint != "" && !strings.Contains(v.Hint, tt.hint) || tt.hint == "" && v.Hint != "" && tt.wantErr != jot.ErrKeyType {
				t.Errorf("hint %q, want %q", v.Hint, tt.hint)
			}
			if tt.wantErr != nil && !errorsIs(v.Err, tt.wantErr) {
				t.Errorf("err %v, want %v", v.Err, tt.wantErr)
			}
		})
	}
}

// hmacToken MACs the exact header and payload with any key, however short,
// as a lax library would.
func hmacToken(t testing.TB, header, payload string, key []byte) string {
	t.Helper()
	tok, err := jot.SignJSON([]byte(header), []byte(payload), &keys.Key{Public: []byte(strings.Repeat("k", 32)), Private: []byte(strings.Repeat("k", 32))})
	if err != nil {
		t.Fatal(err)
	}
	input := tok[:strings.LastIndexByte(tok, '.')]
	return input + "." + base64.RawURLEncoding.EncodeToString(macSHA256(key, input))
}
