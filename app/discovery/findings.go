package discovery

import (
	"strings"

	"github.com/authlab/authlab/app/snippet"
)

// FindingKind names what a Finding is about, for styling and tests.
type FindingKind string

// The kinds of Finding.
const (
	FindingHTTP           FindingKind = "http-issuer"
	FindingIssuerMismatch FindingKind = "issuer-mismatch"
	FindingJWKSURI        FindingKind = "jwks-uri"
	FindingNoKid          FindingKind = "no-kid"
	FindingKidNotFound    FindingKind = "kid-not-found"
	FindingDuplicateKid   FindingKind = "duplicate-kid"
	FindingUnusableKey    FindingKind = "unusable-key"
	FindingKeyUse         FindingKind = "key-use"
	FindingSetUnusable    FindingKind = "set-unusable"
	FindingX5C            FindingKind = "x5c-invalid"
	FindingX5CChain       FindingKind = "x5c-chain"
	FindingX5CExpired     FindingKind = "x5c-expired"
	FindingX5CKey         FindingKind = "x5c-key-mismatch"
	FindingX5T            FindingKind = "x5t-mismatch"
)

// Finding is something a verifier would object to, or a person should
// know, about the issuer's metadata or keys.
type Finding struct {
	Kind FindingKind
	Text string
}

func (r *Report) find(kind FindingKind, text string) {
	r.Findings = append(r.Findings, Finding{Kind: kind, Text: text})
}

// Has reports whether the report has a finding of kind.
func (r *Report) Has(kind FindingKind) bool {
	for _, f := range r.Findings {
		if f.Kind == kind {
			return true
		}
	}
	return false
}

// Curl returns a shell command that fetches u as Discover does: GET,
// JSON accepted, redirects and size bounded, https only for an https URL.
// u is single-quoted for a POSIX shell, so nothing in it is expanded.
func Curl(u string) string {
	return curlOptions(u) + " " + snippet.ShellQuote(u)
}

// CurlJWKS returns a shell command that fetches the JWK Set an issuer's
// metadata at u names: the metadata with Curl, its jwks_uri member
// (OpenID Connect Discovery 1.0 §3, RFC 8414 §2) cut out with sed, then
// that URL, given to curl as --url so that no value can pass for an
// option. It needs only curl and sed.
func CurlJWKS(u string) string {
	const jwksURI = `sed -n 's/.*"jwks_uri"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | sed 's#\\/#/#g' | head -n 1`
	return curlOptions(u) + ` --url "$(` + Curl(u) + " | " + jwksURI + `)"`
}

func curlOptions(u string) string {
	var b strings.Builder
	b.WriteString("curl --fail --silent --show-error --location --max-redirs 3 --max-filesize 1048576")
	if strings.HasPrefix(u, "https://") {
		b.WriteString(" --proto =https --proto-redir =https")
	}
	b.WriteString(" -H 'Accept: application/json'")
	return b.String()
}
