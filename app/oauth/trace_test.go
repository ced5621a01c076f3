package oauth_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/authlab/authlab/app/oauth"
)

// rfc7636Random is the octet sequence of RFC 7636 Appendix B.
var rfc7636Random = []byte{116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
	22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121}

func TestTracePKCEAppendixB(t *testing.T) {
	tr := oauth.TracePKCE(rfc7636Random)
	for _, c := range []struct{ name, got, want string }{
		{"verifier", tr.Verifier, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"},
		{"challenge", tr.Challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
		{"padded", tr.Padded, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM="},
		{"digest", tr.DigestHex(), "13d31e961a1ad8ec2f16b10c4c982e0876a878ad6df144566ee1894acb70f9c3"},
		{"random", tr.RandomHex(), "7418dfb49799e0254ffa607dd8adbbba16d4254d69d6bff05b58055853848d79"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if err := oauth.VerifyS256(tr.Verifier, tr.Challenge); err != nil {
		t.Errorf("VerifyS256: %v", err)
	}
}

func TestNewPKCEAndState(t *testing.T) {
	tr, err := oauth.NewPKCE(bytes.NewReader(rfc7636Random))
	if err != nil || tr.Challenge != oauth.S256(tr.Verifier) || oauth.ValidVerifier(tr.Verifier) != nil {
		t.Fatalf("NewPKCE = %+v, %v", tr, err)
	}
	if !oauth.ValidChallenge(tr.Challenge) {
		t.Errorf("challenge %q is not valid", tr.Challenge)
	}
	st, err := oauth.NewState(bytes.NewReader(make([]byte, 16)))
	if err != nil || st != "AAAAAAAAAAAAAAAAAAAAAA" {
		t.Errorf("NewState = %q, %v", st, err)
	}
	for name, f := range map[string]func() error{
		"pkce":  func() error { _, err := oauth.NewPKCE(iotest.ErrReader(errors.New("no entropy"))); return err },
		"state": func() error { _, err := oauth.NewState(strings.NewReader("short")); return err },
	} {
		if err := f(); err == nil {
			t.Errorf("%s: a failing reader gave no error", name)
		}
	}
}
