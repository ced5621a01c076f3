// Package jwtcheck is the JWT workbench's check of a token against a key,
// as both the workbench page (app/ui/jwtbench) and its early checker
// (wasm/quickcheck, which verifies in the prerendered page while the
// tools load) run it: the options the page's fields make, and the
// headline each verdict state shows. It does not depend on go-app, so
// that the early checker stays a small module.
package jwtcheck

import (
	"time"

	"github.com/authlab/authlab/app/jot"
)

// Fields are the workbench's fields that shape the check besides the
// token and the key.
type Fields struct {
	Now      time.Time // when the check runs: exp, nbf and iat are read against it
	Skew     int       // seconds of clock skew allowed (RFC 7519 §4.1.4: "some small leeway")
	Issuer   string    // the expected iss (RFC 7519 §4.1.1), when given
	Audience string    // the expected aud (RFC 7519 §4.1.3), when given
}

// Options are jot's options for f, as jot.Verify and jot.Check take them.
func (f Fields) Options() []jot.Option {
	now := f.Now
	opts := []jot.Option{
		jot.WithTimeFunc(func() time.Time { return now }),
		jot.WithLeeway(time.Duration(f.Skew) * time.Second),
	}
	if f.Issuer != "" {
		opts = append(opts, jot.WithIssuer(f.Issuer))
	}
	if f.Audience != "" {
		opts = append(opts, jot.WithAudience(f.Audience))
	}
	return opts
}

var titles = map[string]string{
	jot.StateValid:      "Signature verified",
	jot.StateInvalid:    "Invalid",
	jot.StateUnverified: "Not verified",
	jot.StateMalformed:  "Malformed",
	jot.StateWeakKey:    "Signature matches, but the secret is too short",
}

// Title is the headline the workbench shows for a verdict's state.
func Title(state string) string { return titles[state] }

// Early is what the early checker shows: the verdict for a JWS (RFC 7515)
// checked with the key text read as enc, with f's options, or nil for a
// JWE (RFC 7516), which only the page decrypts.
func Early(token, key string, enc jot.SecretEncoding, f Fields) *jot.Verdict {
	in := jot.Inspect(token)
	if in.JWE {
		return nil
	}
	return jot.Check(in, jot.ReadKey(key, enc), f.Options()...)
}
