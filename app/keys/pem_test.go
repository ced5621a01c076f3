package keys_test

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/authlab/authlab/app/keys"
)

// pemKeys are generated once per test binary: RSA generation is slow
// under js/wasm.
var pemKeys = sync.OnceValue(func() (k struct {
	rsa  *rsa.PrivateKey
	ec   *ecdsa.PrivateKey
	ed   ed25519.PrivateKey
	cert []byte
}) {
	var err error
	if k.rsa, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if k.ec, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader); err != nil {
		panic(err)
	}
	_, k.ed, _ = ed25519.GenerateKey(rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "authlab test"},
		NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4102444800, 0)}
	if k.cert, err = x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.ec.PublicKey, k.ec); err != nil {
		panic(err)
	}
	return k
})

func pemBlock(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func mustDER(der []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return der
}

func TestParsePEM(t *testing.T) {
	k := pemKeys()
	sec1, _ := x509.MarshalECPrivateKey(k.ec)
	tests := []struct {
		name        string
		pem         string
		wantPublic  any
		wantPrivate bool
	}{
		{"SPKI RSA", pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.rsa.PublicKey))), &k.rsa.PublicKey, false},
		{"SPKI EC", pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))), &k.ec.PublicKey, false},
		{"SPKI Ed25519", pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(k.ed.Public()))), k.ed.Public(), false},
		{"PKCS#1 public", pemBlock("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)), &k.rsa.PublicKey, false},
		{"PKCS#1 private", pemBlock("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(k.rsa)), &k.rsa.PublicKey, true},
		{"PKCS#8 RSA", pemBlock("PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(k.rsa))), &k.rsa.PublicKey, true},
		{"PKCS#8 EC", pemBlock("PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(k.ec))), &k.ec.PublicKey, true},
		{"PKCS#8 Ed25519", pemBlock("PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(k.ed))), k.ed.Public(), true},
		{"SEC 1", pemBlock("EC PRIVATE KEY", sec1), &k.ec.PublicKey, true},
		{"SEC 1 after EC PARAMETERS", pemBlock("EC PARAMETERS", []byte{6, 8, 42, 134, 72, 206, 61, 3, 1, 7}) + pemBlock("EC PRIVATE KEY", sec1), &k.ec.PublicKey, true},
		{"certificate", pemBlock("CERTIFICATE", k.cert), &k.ec.PublicKey, false},
		{"text around the block", "subject=CN = authlab\r\n" + pemBlock("CERTIFICATE", k.cert) + "\ntrailing words", &k.ec.PublicKey, false},
		{"newlines written as \\n", strings.ReplaceAll(pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))), "\n", `\n`), &k.ec.PublicKey, false},
		{"indented paste", "   " + pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))), &k.ec.PublicKey, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.ParsePEM([]byte(tt.pem))
			if err != nil {
				t.Fatal(err)
			}
			if !samePublic(got.Public, tt.wantPublic) {
				t.Errorf("public key %T differs", got.Public)
			}
			if (got.Private != nil) != tt.wantPrivate {
				t.Errorf("private part %T, want present=%v", got.Private, tt.wantPrivate)
			}
			if got.Private != nil && !samePublic(got.Private.(crypto.Signer).Public(), got.Public) {
				t.Error("the public half is not the private key's")
			}
		})
	}
}

func TestParsePEMRefuses(t *testing.T) {
	k := pemKeys()
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	p224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	x25519, _ := ecdh.X25519().GenerateKey(rand.Reader)
	spki := pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey)))
	tests := []struct {
		name    string
		pem     string
		wantErr error
		say     string
	}{
		{"empty", "", keys.ErrPEM, "BEGIN"},
		{"a secret", "your-256-bit-secret", keys.ErrPEM, "BEGIN"},
		{"no END line", strings.Split(spki, "-----END")[0], keys.ErrPEM, "END"},
		{"broken base64", strings.Replace(spki, "M", "!", 3), keys.ErrPEM, ""},
		{"encrypted PKCS#8", pemBlock("ENCRYPTED PRIVATE KEY", []byte{48, 0}), keys.ErrPEM, "encrypted"},
		{"legacy encrypted", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAA=\n-----END RSA PRIVATE KEY-----\n", keys.ErrPEM, "encrypted"},
		{"unknown block", pemBlock("CERTIFICATE REQUEST", []byte{48, 0}), keys.ErrPEM, "CERTIFICATE REQUEST"},
		{"garbage DER", pemBlock("PUBLIC KEY", []byte("not DER")), keys.ErrPEM, "PUBLIC KEY"},
		{"mislabelled block", pemBlock("RSA PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))), keys.ErrPEM, ""},
		{"RSA 1024", pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&weak.PublicKey))), keys.ErrWeakKey, "1024"},
		{"P-224", pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&p224.PublicKey))), keys.ErrCurve, "P-224"},
		{"X25519", pemBlock("PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(x25519))), keys.ErrKeyType, "X25519"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := keys.ParsePEM([]byte(tt.pem))
			if !errors.Is(err, tt.wantErr) || got != nil {
				t.Fatalf("ParsePEM = %v, %v; want %v", got, err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.say) {
				t.Errorf("error %q does not say %q", err, tt.say)
			}
		})
	}
}

func TestPEMRoundTrip(t *testing.T) {
	k := pemKeys()
	for _, priv := range []any{k.rsa, k.ec, k.ed} {
		privPEM, err := keys.PrivatePEM(priv)
		if err != nil {
			t.Fatal(err)
		}
		pubPEM, err := keys.PublicPEM(priv)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(privPEM), "-----BEGIN PRIVATE KEY-----\n") || !strings.HasPrefix(string(pubPEM), "-----BEGIN PUBLIC KEY-----\n") {
			t.Fatalf("%T: blocks %q / %q", priv, privPEM[:30], pubPEM[:30])
		}
		fromPriv, err := keys.ParsePEM(privPEM)
		if err != nil {
			t.Fatal(err)
		}
		fromPub, err := keys.ParsePEM(pubPEM)
		if err != nil {
			t.Fatal(err)
		}
		if !samePublic(fromPriv.Public, fromPub.Public) {
			t.Errorf("%T: the public key derived from the private PEM differs from the public PEM", priv)
		}
	}
	if _, err := keys.PublicPEM([]byte("secret")); !errors.Is(err, keys.ErrKeyType) {
		t.Errorf("PublicPEM(secret) = %v", err)
	}
	if _, err := keys.PrivatePEM(&k.ec.PublicKey); !errors.Is(err, keys.ErrNoPrivate) {
		t.Errorf("PrivatePEM(public) = %v", err)
	}
}

// FuzzParsePEM checks that any text either parses into a usable key or
// fails with a sentinel, and never panics.
func FuzzParsePEM(f *testing.F) {
	k := pemKeys()
	f.Add(pemBlock("PUBLIC KEY", mustDER(x509.MarshalPKIXPublicKey(&k.ec.PublicKey))))
	f.Add(pemBlock("PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(k.ed))))
	f.Add(pemBlock("CERTIFICATE", k.cert))
	f.Add(pemBlock("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(&k.rsa.PublicKey)))
	f.Add("-----BEGIN X-----\n-----END X-----")
	f.Add("-----BEGIN ")
	f.Fuzz(func(t *testing.T, text string) {
		got, err := keys.ParsePEM([]byte(text))
		if err != nil {
			if !anyKeysSentinel(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
			return
		}
		if got.Public == nil {
			t.Fatal("accepted a key without a public half")
		}
		if _, err := keys.PublicJWK(got.Public); err != nil {
			t.Fatalf("accepted key cannot be exported: %v", err)
		}
	})
}

// anyKeysSentinel reports whether err wraps one of the package's sentinels.
func anyKeysSentinel(err error) bool {
	for _, s := range []error{keys.ErrJWK, keys.ErrKeyType, keys.ErrCurve, keys.ErrNotOnCurve,
		keys.ErrWeakKey, keys.ErrPEM, keys.ErrNoPrivate, keys.ErrDuplicateID, keys.ErrTooLarge} {
		if errors.Is(err, s) {
			return true
		}
	}
	return false
}

// samePublic reports whether two public keys are equal.
func samePublic(a, b crypto.PublicKey) bool {
	e, ok := a.(interface{ Equal(crypto.PublicKey) bool })
	return ok && e.Equal(b)
}
