//go:build js && wasm

package webcrypto_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall/js"
	"testing"
	"time"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
	"github.com/authlab/authlab/worker/glue"
	"github.com/authlab/authlab/worker/webcrypto"
)

// The benchmarks measure what the worker does for a Bearer token it has
// not seen before and for a token it issues, through the glue under Node
// as in workerd:
// PATH=$(go env GOROOT)/lib/wasm:$PATH GOOS=js GOARCH=wasm go test -run '^$' -bench . ./worker/webcrypto

// reportCPU reports the CPU time that Node spent per operation, on every
// thread (WebCrypto runs on libuv's), as cpu-ns/op: on a loaded machine it
// varies far less than ns/op. Call the function it returns once b.Loop
// is done.
func reportCPU(b *testing.B) func() {
	usage := js.Global().Get("process").Get("cpuUsage")
	micros := func() float64 {
		u := usage.Invoke()
		return u.Get("user").Float() + u.Get("system").Float()
	}
	start := micros()
	return func() { b.ReportMetric((micros()-start)*1e3/float64(b.N), "cpu-ns/op") }
}

// BenchmarkES256Verify is one signature check through the glue, with the
// key imported already.
func BenchmarkES256Verify(b *testing.B) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	web := &webcrypto.ES256{}
	const input = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0"
	sig, err := web.Sign(input, priv)
	if err != nil {
		b.Fatal(err)
	}
	defer reportCPU(b)()
	for b.Loop() {
		if err := web.Verify(input, sig, &priv.PublicKey); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyDistinct verifies access tokens as the worker's
// /api/protected does, each one new to the verified-token cache.
func BenchmarkVerifyDistinct(b *testing.B) {
	web := &webcrypto.ES256{}
	if err := jot.UseMethod("ES256", web); err != nil {
		b.Fatal(err)
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	k := &keys.Key{Kid: "k1", Private: priv, Public: &priv.PublicKey}
	now := time.Unix(1_700_000_000, 0)
	toks := make([]string, 4000)
	for i := range toks {
		claims := map[string]any{"iss": "https://as.example", "aud": "authlab", "sub": strconv.Itoa(i),
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": "j" + strconv.Itoa(i), "scope": "api"}
		if toks[i], err = jot.Sign(claims, "ES256", k, map[string]any{"typ": "at+jwt"}); err != nil {
			b.Fatal(err)
		}
	}
	set := &keys.Set{}
	if err := set.Add(&keys.Key{Kid: k.Kid, Alg: "ES256", Public: k.Public}); err != nil {
		b.Fatal(err)
	}
	ks := jot.KeySet{Set: set}
	opts := []jot.Option{
		jot.WithType("at+jwt"), jot.WithCache(jot.NewCache(1024)), jot.WithAlgorithms("ES256", "EdDSA"),
		jot.WithAudience("authlab"), jot.WithRequiredClaims("exp", "iat", "sub", "jti"),
		jot.WithLeeway(30 * time.Second), jot.WithTimeFunc(func() time.Time { return now }),
		jot.WithIssuer("https://as.example"),
	}
	run := func(b *testing.B, toks []string) {
		defer reportCPU(b)()
		i := 0
		for b.Loop() {
			if _, err := jot.Verify(toks[i%len(toks)], ks, opts...); err != nil {
				b.Fatal(err)
			}
			i++
		}
	}
	b.Run("distinct", func(b *testing.B) { run(b, toks) })
	b.Run("repeated", func(b *testing.B) { run(b, toks[:1]) })
	// Without the signature check, what is left is Go's own work.
	if err := jot.UseMethod("ES256", trusting{web}); err != nil {
		b.Fatal(err)
	}
	defer jot.UseMethod("ES256", web)
	b.Run("distinct-nocrypto", func(b *testing.B) { run(b, toks) })
}

type trusting struct{ *webcrypto.ES256 }

func (trusting) Verify(string, []byte, any) error { return nil }

// BenchmarkGlueRoundTrip is the crossing that a signature check makes,
// without the check: a Verify call whose key number the glue does not
// hold, which it refuses once the call's promise settles. It is an upper
// bound: the TypeError that the glue makes and sends back as a message
// costs about as much as the crossing itself.
func BenchmarkGlueRoundTrip(b *testing.B) {
	p := make([]byte, 8+64+32)
	binary.LittleEndian.PutUint32(p, 1<<31)
	binary.LittleEndian.PutUint32(p[4:], 64)
	defer reportCPU(b)()
	for b.Loop() {
		if _, err := glue.Call(context.Background(), glue.OpVerify, p); !errors.Is(err, glue.ErrGlue) {
			b.Fatal(err)
		}
	}
}

// BenchmarkTokenEndpoint is the whole of POST /oauth/token for the demo
// client's client_credentials grant as Go serves it in the worker (form,
// client authentication, signing, the JSON answer), without workerd's HTTP
// handling or the request's crossing into Go: through the glue, and with
// the fixed signer, which leaves the handler's own work. The grant reads
// nothing from the store; the embedded nil Store panics if it ever does.
func BenchmarkTokenEndpoint(b *testing.B) {
	web := &webcrypto.ES256{}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := authserver.New(authserver.Config{Store: struct{ authserver.Store }{},
		SigningKeys: []*keys.Key{{Kid: "k1", Private: priv, Public: &priv.PublicKey}}})
	if err != nil {
		b.Fatal(err)
	}
	run := func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			r := httptest.NewRequest("POST", "https://authlab.example/oauth/token", strings.NewReader("grant_type=client_credentials&scope=api"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			r.SetBasicAuth(authserver.DemoClientID, authserver.DefaultDemoClientSecret)
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, r)
			if w.Code != 200 {
				b.Fatalf("%d %s", w.Code, w.Body)
			}
		}
	}
	if err := jot.UseMethod("ES256", web); err != nil {
		b.Fatal(err)
	}
	b.Run("webcrypto", run)
	if err := jot.UseMethod("ES256", fixedSigner{web}); err != nil {
		b.Fatal(err)
	}
	defer jot.UseMethod("ES256", web)
	b.Run("nocrypto", run)
}

// fixedSigner returns a fixed signature without signing: what is left of
// a benchmark is Go's own work.
type fixedSigner struct{ *webcrypto.ES256 }

func (fixedSigner) Sign(string, any) ([]byte, error) { return make([]byte, 64), nil }
