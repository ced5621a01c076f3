// Package discovery finds the key that signed a token from the token's iss
// and kid, as a verifier would: OpenID Connect Discovery 1.0 §4, then
// OAuth 2.0 Authorization Server Metadata (RFC 8414 §3), then the
// conventional /.well-known/jwks.json, and the JWK Set (RFC 7517 §5) that
// the metadata's jwks_uri names. Every URL tried is recorded with what it
// answered, and what a verifier would object to is reported as a Finding.
//
// The network is a Fetcher given by the caller: net/http natively
// (HTTPFetcher), the browser's fetch in the page.
package discovery

import "errors"

// Sentinel errors. Every error returned by this package wraps one of them.
var (
	// ErrUnreadable is what a Fetcher returns when the answer cannot be
	// read: a browser refused it for CORS, or the network failed.
	ErrUnreadable = errors.New("the answer could not be read (CORS or network)")
	ErrIssuer     = errors.New("iss is not an https URL")
	ErrTooLarge   = errors.New("the answer is too large")
	ErrNotObject  = errors.New("the answer is not a JSON object")
	ErrStatus     = errors.New("the answer's status is not 200")
	ErrMetadata   = errors.New("the metadata is invalid")
	ErrJWKS       = errors.New("the JWK Set is invalid")
	ErrTooMany    = errors.New("too many URLs or redirects")
	ErrNotFound   = errors.New("no JWK Set found for the issuer")
	ErrX5C        = errors.New("x5c certificate is invalid")
)
