package jot

import "time"

// Option configures Verify.
type Option func(*options)

type options struct {
	now      func() time.Time
	leeway   time.Duration
	issuer   string
	audience string
	required []string
	algs     map[string]bool
	jwsOnly  bool
	cache    *Cache
	typ      string
}

// WithTimeFunc sets the clock that exp, nbf and iat are checked against.
func WithTimeFunc(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithLeeway allows for clock skew when checking exp, nbf and iat
// (RFC 7519 §4.1.4).
func WithLeeway(d time.Duration) Option { return func(o *options) { o.leeway = d } }

// WithIssuer requires iss to equal iss exactly (RFC 7519 §4.1.1).
func WithIssuer(iss string) Option { return func(o *options) { o.issuer = iss } }

// WithAudience requires aud to be or to contain aud (RFC 7519 §4.1.3).
func WithAudience(aud string) Option { return func(o *options) { o.audience = aud } }

// WithRequiredClaims requires the named claims to be present.
func WithRequiredClaims(names ...string) Option {
	return func(o *options) { o.required = append(o.required, names...) }
}

// WithAlgorithms accepts only the named algs (RFC 8725 §3.1).
func WithAlgorithms(algs ...string) Option {
	allowed := make(map[string]bool, len(algs)) // read only once built
	for _, a := range algs {
		allowed[a] = true
	}
	return func(o *options) { o.algs = allowed }
}

// WithType requires the typ header parameter to name typ, so that a token
// of one kind cannot be used as another (RFC 8725 §3.11). Media types
// compare without case, and "application/" may be left out (RFC 7515
// §4.1.9): WithType("at+jwt") accepts "at+jwt" and "application/at+jwt"
// (RFC 9068 §4), and refuses a token without typ.
func WithType(typ string) Option { return func(o *options) { o.typ = typ } }

// WithSignatureOnly verifies the JWS signature only (RFC 7515 §5.2) and
// treats the payload as opaque bytes rather than a JWT claims set.
func WithSignatureOnly() Option { return func(o *options) { o.jwsOnly = true } }

func newOptions(opts []Option) *options {
	o := &options{now: time.Now}
	for _, f := range opts {
		f(o)
	}
	return o
}
