package keys_test

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/keys"
)

func TestParseAny(t *testing.T) {
	k := pemKeys()
	ec, err := keys.FromCrypto(k.ec)
	if err != nil {
		t.Fatal(err)
	}
	ec.Kid = "ec-1"
	jwk, err := keys.MarshalJWK(ec, false)
	if err != nil {
		t.Fatal(err)
	}
	set := `{"keys":[` + string(jwk) + `,{"kty":"oct","kid":"h","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}]}`
	tests := []struct {
		name       string
		text       string
		wantFormat keys.Format
		wantKeys   int
		wantErr    error
	}{
		{"PEM", pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))), keys.FormatPEM, 1, nil},
		{"JWK", string(jwk), keys.FormatJWK, 1, nil},
		{"JWK with spaces around", "\n  " + string(jwk) + "\n", keys.FormatJWK, 1, nil},
		{"JWK Set", set, keys.FormatJWKS, 2, nil},
		{"empty JWK Set", `{"keys":[]}`, keys.FormatJWKS, 0, nil},
		{"JWK Set with a bad key", `{"keys":[{"kty":"EC"}]}`, keys.FormatJWKS, 0, keys.ErrCurve},
		{"JSON that is not a JWK", `{"hello":"world"}`, keys.FormatJWK, 0, keys.ErrJWK},
		{"broken JSON", `{"kty":`, keys.FormatJWK, 0, keys.ErrJWK},
		{"a secret", "your-256-bit-secret", "", 0, keys.ErrKeyType},
		{"broken PEM", "-----BEGIN PUBLIC KEY-----\nAAAA", keys.FormatPEM, 0, keys.ErrPEM},
		{"too large", "{" + strings.Repeat(" ", keys.MaxKeySize) + "}", "", 0, keys.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, format, err := keys.ParseAny([]byte(tt.text))
			if format != tt.wantFormat {
				t.Errorf("format %q, want %q", format, tt.wantFormat)
			}
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || len(got.Keys) != tt.wantKeys {
				t.Fatalf("ParseAny = %v, %v; want %d keys", got, err, tt.wantKeys)
			}
		})
	}
}

func TestLooksLikeKey(t *testing.T) {
	for text, want := range map[string]bool{
		"-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----": true,
		"  {\"kty\":\"oct\"}  \n":                                    true,
		`{"keys":[]}`:                                                true,
		"your-256-bit-secret":                                        false,
		"c2VjcmV0":                                                   false,
		"{not closed":                                                false,
		"":                                                           false,
	} {
		if got := keys.LooksLikeKey([]byte(text)); got != want {
			t.Errorf("LooksLikeKey(%q) = %v", text, got)
		}
	}
}

func TestDescribe(t *testing.T) {
	k := pemKeys()
	rsaKey, _ := keys.FromCrypto(k.rsa)
	ecPub, _ := keys.FromCrypto(&k.ec.PublicKey)
	ed, _ := keys.FromCrypto(k.ed)
	for _, tt := range []struct {
		key  *keys.Key
		want string
	}{
		{rsaKey, "RSA 2048-bit private key"},
		{ecPub, "EC P-256 public key"},
		{ed, "Ed25519 private key"},
		{&keys.Key{Public: []byte("0123456789"), Private: []byte("0123456789")}, "HMAC secret (10 bytes)"},
		{nil, "no key"},
	} {
		if got := keys.Describe(tt.key); got != tt.want {
			t.Errorf("Describe = %q, want %q", got, tt.want)
		}
	}
}

func TestMarshalJWK(t *testing.T) {
	for _, alg := range []string{"HS256", "ES384", "EdDSA"} {
		t.Run(alg, func(t *testing.T) {
			k, err := keys.GenerateFor(alg, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			priv, err := keys.MarshalJWK(k, true)
			if err != nil {
				t.Fatal(err)
			}
			var members map[string]any
			if err := json.Unmarshal(priv, &members); err != nil {
				t.Fatal(err)
			}
			if members["kid"] != k.Kid || members["alg"] != alg || members["use"] != "sig" {
				t.Errorf("members %v", members)
			}
			back, err := keys.ParseJWK(priv)
			if err != nil || back.Private == nil {
				t.Fatalf("the private JWK does not parse back: %v", err)
			}
			pub, err := keys.MarshalJWK(k, false)
			if alg == "HS256" {
				if !errors.Is(err, keys.ErrKeyType) {
					t.Errorf("a secret's public JWK: %v", err)
				}
				return
			}
			if err != nil || strings.Contains(string(pub), `"d"`) {
				t.Fatalf("public JWK %s, %v", pub, err)
			}
		})
	}
	if _, err := keys.MarshalJWK(&keys.Key{Public: &pemKeys().ec.PublicKey}, true); !errors.Is(err, keys.ErrNoPrivate) {
		t.Errorf("private JWK of a public key: %v", err)
	}
}

// FuzzParseAny feeds arbitrary key text through format detection.
func FuzzParseAny(f *testing.F) {
	f.Add(`{"kty":"oct","k":"AAAA"}`)
	f.Add(`{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}`)
	f.Add("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n-----END PUBLIC KEY-----\n")
	f.Add("secret")
	f.Add(`{"keys":null}`)
	f.Fuzz(func(t *testing.T, text string) {
		set, format, err := keys.ParseAny([]byte(text))
		if err != nil {
			if !anyKeysSentinel(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		if set == nil || format == "" {
			t.Fatalf("accepted without a set or format: %v %q", set, format)
		}
		for _, k := range set.Keys {
			if k.Public == nil {
				t.Fatal("a key without a public half")
			}
		}
	})
}
