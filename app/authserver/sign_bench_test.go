package authserver

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/golang-jwt/jwt/v5"
)

// BenchmarkSignAccessClaims is Go's own share of making an access token
// (RFC 9068 §2.2): the header, the claims' JSON and base64url, with a
// signer that returns a fixed signature. Under wasm, as the worker runs:
// PATH=$(go env GOROOT)/lib/wasm:$PATH GOOS=js GOARCH=wasm go test -run '^$' -bench SignAccessClaims ./app/authserver
func BenchmarkSignAccessClaims(b *testing.B) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	k := &keys.Key{Kid: "k1", Private: priv, Public: &priv.PublicKey}
	c := &accessClaims{Aud: "authlab", ClientID: "demo-client", Exp: 1_700_003_600, Iat: 1_700_000_000,
		Iss: "https://as.example", Jti: "wO0k8Yd4hC1c3mJ2pQ9xZg", Scope: "api", Sub: "demo-client"}
	if err := jot.UseMethod("ES256", fixedSigner{jwt.SigningMethodES256}); err != nil {
		b.Fatal(err)
	}
	defer jot.UseMethod("ES256", jwt.SigningMethodES256)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := jot.Sign(c, "ES256", k, map[string]any{"typ": "at+jwt"}); err != nil {
			b.Fatal(err)
		}
	}
}

// fixedSigner returns a fixed signature without signing.
type fixedSigner struct{ jwt.SigningMethod }

func (fixedSigner) Sign(string, any) ([]byte, error) { return make([]byte, 64), nil }
