package jwtbench

import (
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/discovery"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
	"github.com/authlab/authlab/app/keys"
)

// TestJWEDecryptInPage encrypts claims and a nested JWS for a secret, and
// checks what the page makes of them: the claims as the payload, and the
// nested JWS verified with the page's key.
func TestJWEDecryptInPage(t *testing.T) {
	secret := strings.Repeat("k", 32)
	km := jot.ReadKey(secret, jot.SecretUTF8)
	sig, err := keys.GenerateFor("HS256", rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	jws, err := jot.SignJSON([]byte(`{"alg":"HS256"}`), []byte(`{"sub":"inner"}`), sig)
	if err != nil {
		t.Fatal(err)
	}
	claims, err := jwe.Encrypt([]byte(`{"sub":"outer"}`), km, "dir", "A256GCM", jwe.EncryptOptions{})
	if err != nil {
		t.Fatal(err)
	}
	nested, err := jwe.Encrypt([]byte(jws), km, "A256KW", "A128CBC-HS256", jwe.EncryptOptions{Cty: "JWT"})
	if err != nil {
		t.Fatal(err)
	}

	p := &page{}
	p.token = claims
	p.refresh()
	if p.jwe.token == "" || !errors.Is(p.jwe.err, jwe.ErrNoKey) || p.in.Payload != nil {
		t.Fatalf("without a key: token %q err %v payload %v", p.jwe.token, p.jwe.err, p.in.Payload)
	}
	p.setJWEKey(secret, jot.SecretUTF8)
	if p.jwe.err != nil || p.in.Payload["sub"] != "outer" || p.verdict.State != jot.StateUnverified || !strings.Contains(p.verdict.Reason, "Decrypted") {
		t.Fatalf("claims: err %v payload %v verdict %+v", p.jwe.err, p.in.Payload, p.verdict)
	}

	p.token = nested
	p.setKey(string(sig.Private.([]byte)), jot.SecretUTF8)
	p.refresh()
	if p.in.JWE || p.in.Payload["sub"] != "inner" || p.verdict.State != jot.StateValid {
		t.Fatalf("nested: JWE %v payload %v verdict %+v (decrypt err %v)", p.in.JWE, p.in.Payload, p.verdict, p.jwe.err)
	}

	p.token = "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4R0NNIn0.a.b.c.d"
	p.refresh()
	if !errors.Is(p.jwe.err, jwe.ErrRefused) || refusedAlg(p.jwe.err) != "RSA1_5" {
		t.Fatalf("RSA1_5: err %v, named %q", p.jwe.err, refusedAlg(p.jwe.err))
	}

	p.token = jws
	p.refresh()
	if p.jwe.token != "" || p.jwe.res != nil {
		t.Errorf("a JWS leaves a decryption behind: %q %v", p.jwe.token, p.jwe.res)
	}
}

// TestAuthJSForm opens a session cookie made by @auth/core with the secret
// and name the fixture gives, and fails with another cookie name.
func TestAuthJSForm(t *testing.T) {
	s := authjsState{version: jwe.NextAuthV4, secret: "nextauth-secret-for-fixtures-0123456789",
		cookie: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..zYYG2GQqBqnhImIV.fiM84dUq_VHQiCPgu6bWuCvDElOkGa8S6GUP_PpQAf4I9ZPslvDuJuuZcnbnhct0UdY5XTlfzG6H6a_0dRwTKbUluPYIBGGNKbbQ0hXRUvcixcK3XWm_ET_fNRPRoQAsDLNH0rD-Oy6fJi7XfcYB7nnzF1bSVypnQpiPxky4-O5JC7XOuos3quHW5wFrLd3NM_ydI-iC3bfF48CThEAf0wqpNrjxx2Dcvx0VBZlqL5ZHYwqQ4i6NxQckSJ6wbgQ9D3dzNS6fX4mO.JARCcfF73814i9yNdLSVPg"}
	s.open()
	if s.err != nil || s.res.Claims["email"] != "ada@example.com" {
		t.Fatalf("v4: %v %v", s.err, s.res)
	}
	s.version = jwe.AuthJSV5
	s.open()
	if s.err == nil {
		t.Error("a v4 cookie opened as v5")
	}
}

// TestDiscoveryFindingsFollowToken shows discovery's findings in the
// verdict only while the token is the one discovery was for.
func TestDiscoveryFindingsFollowToken(t *testing.T) {
	p := &page{}
	p.token = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlIn0.c2ln"
	p.refresh()
	p.disc.report = &discovery.Report{Issuer: "https://issuer.example", Kid: "1",
		Findings: []discovery.Finding{{Kind: discovery.FindingIssuerMismatch, Text: "names issuer x"}}}
	p.refresh()
	v := p.verdictView()
	if n := v.node(); len(v.Findings) != 1 || !strings.Contains(n.html(), `data-kind="issuer-mismatch"`) {
		t.Fatalf("findings in the verdict: %+v", v.Findings)
	}
	p.token = "eyJhbGciOiJIUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL290aGVyLmV4YW1wbGUifQ.c2ln"
	p.refresh()
	if v := p.verdictView(); len(v.Findings) != 0 {
		t.Errorf("another issuer's token keeps the findings: %+v", v.Findings)
	}
}
