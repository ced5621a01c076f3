package discovery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// What each URL tried was for.
const (
	PurposeOpenID       = "OpenID Connect Discovery 1.0 §4"
	PurposeRFC8414      = "RFC 8414 §3.1 metadata"
	PurposeJWKSURI      = "jwks_uri"
	PurposeConventional = "conventional /.well-known/jwks.json"
)

// Attempt is one URL tried and what it answered.
type Attempt struct {
	URL, Purpose string
	// Status is the answer's HTTP status, 0 when there was none.
	Status int
	// Err is why the answer was not used; it wraps ErrUnreadable when the
	// page could not read it, ErrStatus, ErrTooLarge, ErrNotObject, ….
	Err error
	// Note says what was read from a usable answer.
	Note string
}

// Report is the outcome of Discover.
type Report struct {
	Issuer, Kid string
	Attempts    []Attempt
	// MetadataURL is the metadata document whose jwks_uri was used, or "".
	MetadataURL string
	// JWKSURL and JWKS are the JWK Set found and its bytes as fetched.
	JWKSURL string
	JWKS    []byte
	// Key is the key for Kid, nil when the JWK Set has none.
	Key      *Key
	Findings []Finding
	// Curl is a shell command that fetches the JWK Set, for a person to
	// run where CORS does not apply. When none was read, it starts from the
	// first URL the page could not read: through the jwks_uri of that
	// metadata (CurlJWKS), or that URL itself when it is a JWK Set.
	Curl string
}

type options struct{ now func() time.Time }

// Option configures Discover.
type Option func(*options)

// WithTimeFunc sets the clock that certificate validity is checked
// against.
func WithTimeFunc(now func() time.Time) Option { return func(o *options) { o.now = now } }

// Discover finds the JWK Set of the issuer iss and the key kid in it. It
// tries, in order, at most MaxFetches URLs:
//
//  1. iss + "/.well-known/openid-configuration", any terminating "/" of
//     iss removed first (OpenID Connect Discovery 1.0 §4.1);
//  2. "/.well-known/oauth-authorization-server" inserted between the host
//     and the path of iss (RFC 8414 §3.1);
//  3. iss + "/.well-known/jwks.json", a convention, not a standard.
//
// A metadata document is used only when its issuer equals iss exactly
// (OpenID Connect Discovery 1.0 §4.3, RFC 8414 §3.3); then its jwks_uri is
// fetched. Discover stops at the first JWK Set read.
//
// iss must be an https URL without query or fragment; http is accepted
// only on a loopback host. The Report is returned with every error but
// ErrIssuer; ErrNotFound means that no JWK Set could be read.
func Discover(ctx context.Context, fetch Fetcher, iss, kid string, opts ...Option) (*Report, error) {
	o := options{now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	r := &Report{Issuer: iss, Kid: kid}
	u, err := url.Parse(iss)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrIssuer, err)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" {
		return nil, fmt.Errorf("%w: an issuer has no query, fragment or user info (RFC 8414 §2)", ErrIssuer)
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	if u.Scheme == "http" {
		r.find(FindingHTTP, "the issuer uses http, accepted only because its host is loopback; real issuers must use https (RFC 8414 §2)")
	}
	d := &run{r: r, fetch: fetch, now: o.now, tried: map[string]bool{}}
	for _, c := range candidates(u) {
		var ok bool
		if c.purpose == PurposeConventional {
			ok = d.jwks(ctx, c.url, c.purpose)
		} else {
			ok = d.metadata(ctx, c.url, c.purpose)
		}
		if ok {
			break
		}
	}
	if r.JWKS == nil {
		for _, a := range r.Attempts {
			if errors.Is(a.Err, ErrUnreadable) {
				r.Curl = Curl(a.URL)
				if a.Purpose == PurposeOpenID || a.Purpose == PurposeRFC8414 {
					r.Curl = CurlJWKS(a.URL)
				}
				break
			}
		}
		return r, fmt.Errorf("%w: %d URLs tried", ErrNotFound, len(r.Attempts))
	}
	return r, nil
}

type candidate struct{ url, purpose string }

// candidates lists the well-known URLs of an issuer, in the order tried.
func candidates(u *url.URL) []candidate {
	origin := u.Scheme + "://" + u.Host
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	return []candidate{
		{origin + path + "/.well-known/openid-configuration", PurposeOpenID},
		{origin + "/.well-known/oauth-authorization-server" + path, PurposeRFC8414},
		{origin + path + "/.well-known/jwks.json", PurposeConventional},
	}
}

// run is one Discover in progress.
type run struct {
	r     *Report
	fetch Fetcher
	now   func() time.Time
	tried map[string]bool
}

// get fetches one JSON object. A URL is fetched once: a jwks_uri named by
// both metadata documents is not asked for again. With three well-known
// URLs and two jwks_uri, no Discover fetches more than MaxFetches URLs.
func (d *run) get(ctx context.Context, u, purpose string) (map[string]json.RawMessage, []byte, bool) {
	if d.tried[u] {
		d.r.Attempts = append(d.r.Attempts, Attempt{URL: u, Purpose: purpose, Err: fmt.Errorf("%w: already tried", ErrTooMany)})
		return nil, nil, false
	}
	d.tried[u] = true
	obj, body, err := d.r.getObject(ctx, d.fetch, u, purpose)
	return obj, body, err == nil
}

func (d *run) note(format string, a ...any) {
	d.r.Attempts[len(d.r.Attempts)-1].Note = fmt.Sprintf(format, a...)
}

func (d *run) fail(err error) {
	d.r.Attempts[len(d.r.Attempts)-1].Err = err
}

// metadata reads a metadata document and, when it is the issuer's,
// fetches its jwks_uri.
func (d *run) metadata(ctx context.Context, u, purpose string) bool {
	obj, _, ok := d.get(ctx, u, purpose)
	if !ok {
		return false
	}
	var issuer, jwksURI string
	if err := stringMember(obj, "issuer", &issuer); err != nil {
		d.fail(err)
		return false
	}
	if issuer != d.r.Issuer {
		d.fail(fmt.Errorf("%w: issuer %q is not the token's iss", ErrMetadata, issuer))
		d.r.find(FindingIssuerMismatch, fmt.Sprintf("%s names issuer %q, but the token's iss is %q; they must be identical, and a verifier must not use this document (OpenID Connect Discovery 1.0 §4.3, RFC 8414 §3.3)", u, issuer, d.r.Issuer))
		return false
	}
	if err := stringMember(obj, "jwks_uri", &jwksURI); err != nil {
		d.fail(err)
		return false
	}
	ju, err := url.Parse(jwksURI)
	if err == nil {
		err = checkURL(ju)
	}
	if err != nil {
		d.fail(fmt.Errorf("%w: jwks_uri: %v", ErrMetadata, err))
		d.r.find(FindingJWKSURI, fmt.Sprintf("%s: jwks_uri %q is not an https URL (RFC 8414 §2)", u, jwksURI))
		return false
	}
	d.note("issuer matches; jwks_uri %s", jwksURI)
	if !d.jwks(ctx, jwksURI, PurposeJWKSURI) {
		return false
	}
	d.r.MetadataURL = u
	return true
}

// stringMember reads a required string member of a metadata document.
func stringMember(obj map[string]json.RawMessage, name string, dst *string) error {
	raw, ok := obj[name]
	if !ok {
		return fmt.Errorf("%w: no %s", ErrMetadata, name)
	}
	if err := json.Unmarshal(raw, dst); err != nil || *dst == "" {
		return fmt.Errorf("%w: %s is not a non-empty string", ErrMetadata, name)
	}
	return nil
}
