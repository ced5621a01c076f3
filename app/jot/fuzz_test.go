package jot_test

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

func fuzzSeeds(f *testing.F) {
	for _, tok := range seedTokens(f) {
		f.Add(tok)
	}
}

// seedTokens are the tokens FuzzInspect and FuzzVerify start from.
func seedTokens(t testing.TB) []string {
	seeds := []string{
		"",
		"Bearer a.b.c",
		"Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.",
		"eyJhbGciOiJub25lIn0.e30.",
		"a.b.c.d.e",
		"eyJhbGciOiJIUzI1NiIsImFsZyI6Im5vbmUifQ.e30.AA",
		"eyJhbGciOiJIUzI1NiIsImNyaXQiOlsieCJdfQ.e30.AA",
		"eyJh\r\nbGciOiJIUzI1NiJ9.e30.AA",
	}
	for _, v := range rfcVectors(t) {
		seeds = append(seeds, v.Token)
	}
	return seeds
}

func FuzzInspect(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, token string) {
		in := jot.Inspect(token)
		for _, err := range in.Errors {
			if !jotSentinel(err) {
				t.Fatalf("error %v wraps no sentinel", err)
			}
		}
		if (in.Err() == nil) != (len(in.Errors) == 0) {
			t.Fatalf("Err() = %v with Errors %v", in.Err(), in.Errors)
		}
		if in.Err() == nil {
			if in.Header == nil || in.Payload == nil {
				t.Fatal("no error, but header or payload missing")
			}
			if !utf8.Valid(in.HeaderJSON) || !utf8.Valid(in.PayloadJSON) {
				t.Fatal("accepted JSON that is not UTF-8")
			}
			if strings.Count(jot.Clean(token), ".") != 2 {
				t.Fatal("no error, but not three segments")
			}
		}
		var se *jot.SegmentError
		for _, err := range in.Errors {
			if errors.As(err, &se) && se.Segment != jot.SegmentHeader && se.Segment != jot.SegmentPayload && se.Segment != jot.SegmentSignature {
				t.Fatalf("unknown segment %q", se.Segment)
			}
		}
	})
}

func FuzzVerify(f *testing.F) {
	fuzzSeeds(f)
	ec := newEC(f)
	edPub, edPriv, _ := ed25519.GenerateKey(nil)
	ed := &keys.Key{Kid: "ed", Public: edPub, Private: edPriv}
	hk := hmacKey("h", secret)
	claims := map[string]any{"sub": "a", "exp": 2e9, "crit": 1}
	f.Add(sign(f, claims, "ES256", ec, nil))
	f.Add(sign(f, claims, "EdDSA", ed, nil))
	f.Add(sign(f, claims, "HS256", hk, nil))
	f.Add(sign(f, claims, "HS256", hk, map[string]any{"kid": 7}))
	f.Add(sign(f, claims, "HS512", hmacKey("h", append(secret, secret...)), nil))
	set := setOf(f, publicOnly(ec), &keys.Key{Kid: "ed", Public: edPub}, hk)
	f.Fuzz(func(t *testing.T, token string) {
		for _, opts := range [][]jot.Option{nil, {jot.WithSignatureOnly()}} {
			got, err := jot.Verify(token, set, opts...)
			if err != nil {
				if !jotSentinel(err) {
					t.Fatalf("error %v wraps no sentinel", err)
				}
				continue
			}
			// Accepted: the token is well formed, signed with the alg
			// its key is pinned to, and never alg none.
			if in := jot.Inspect(token); in.Err() != nil || in.Alg() != got.Alg.Name {
				t.Fatalf("accepted %q, which Inspect reports %v", token, in.Err())
			}
			if got.Key == nil || got.Alg.CheckKey(got.Key.Public) != nil {
				t.Fatalf("accepted with key %v for %s", got.Key, got.Alg.Name)
			}
			if _, crit := got.Header["crit"]; crit {
				t.Fatal("accepted a crit header")
			}
		}
	})
}
