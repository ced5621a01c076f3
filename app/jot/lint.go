package jot

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Severity ranks a lint finding.
type Severity string

// Severities, most serious first.
const (
	SeverityError   Severity = "error"   // exploitable, or refused by a strict verifier
	SeverityWarning Severity = "warning" // against RFC 8725's advice
	SeverityInfo    Severity = "info"    // worth knowing
)

func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// Finding is one lint result: a stable rule id, what was found, why it
// matters and where the rule comes from.
type Finding struct {
	Rule     string // stable id, such as "alg-none"
	Severity Severity
	Message  string // what was found in this token
	Explain  string // why it matters and what to do
	Ref      string // the RFC section, such as "RFC 8725 §3.1"
}

// LintConfig is what Lint knows beyond the token itself.
type LintConfig struct {
	// Now is the time lifetimes are judged at; zero means time.Now.
	Now time.Time
	// Secret is the HMAC secret the token is checked with, as bytes and
	// as the text it was given in; both nil when there is none.
	Secret     []byte
	SecretText string
}

// Lint checks an inspected token against the JWT Best Current Practices
// (RFC 8725) and related advice. It never fails: whatever part of the
// token could be decoded is checked, and findings come most serious first.
func Lint(in *Inspection, c LintConfig) []Finding {
	if c.Now.IsZero() {
		c.Now = time.Now()
	}
	var out []Finding
	add := func(f Finding) { out = append(out, f) }
	lintSize(in, add)
	if in.Header != nil {
		if !in.JWE { // a JWE's alg and typ follow RFC 7516, not the JWS rules
			lintAlg(in, add)
			lintTyp(in.Header, add)
		}
		lintHeaderKeys(in.Header, add)
		lintKid(in.Header, add)
		lintCrit(in.Header, add)
	}
	if in.Payload != nil && !in.JWE {
		lintTimes(in.Payload, c.Now, add)
		lintAudience(in.Payload, add)
		lintSensitive(in.Payload, add)
	}
	if c.Secret != nil && strings.HasPrefix(in.Alg(), "HS") {
		lintSecret(in.Alg(), c.Secret, c.SecretText, add)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Severity.rank() < out[j].Severity.rank() })
	return out
}

// oversize is the token length above which many servers refuse the
// Authorization header: 8 KiB is a common default field limit.
const oversize = 8 << 10

func lintSize(in *Inspection, add func(Finding)) {
	if in.Size > oversize {
		add(Finding{"oversized", SeverityWarning,
			fmt.Sprintf("The token is %s long.", byteSize(in.Size)),
			"Many servers and proxies refuse header fields over 8 KiB, and every request carries the token. Keep claims small: send references, not documents.",
			"RFC 9110 §5.4"})
	}
}

func lintAlg(in *Inspection, add func(Finding)) {
	raw, present := in.Header["alg"]
	alg, isString := raw.(string)
	switch {
	case !present || !isString || alg == "":
		add(Finding{"alg-missing", SeverityError, "The header has no alg string.",
			"A JWS must name its algorithm, and a verifier must check it against the one it expects for the key.",
			"RFC 7515 §4.1.1"})
	case strings.EqualFold(alg, "none"):
		msg := "alg is \"none\": the token is unsecured, and anyone can write one."
		if alg != "none" {
			msg = fmt.Sprintf("alg is %q, \"none\" in other letter case: a classic way past filters that only refuse \"none\".", alg)
		}
		add(Finding{"alg-none", SeverityError, msg,
			"A verifier must refuse unsecured tokens unless it asked for one, and must pin the algorithm it accepts rather than read it from the token.",
			"RFC 8725 §3.1, §2.1"})
	default:
		if _, err := LookupAlgorithm(alg); err != nil {
			add(Finding{"alg-unknown", SeverityWarning, fmt.Sprintf("alg %q is not one of the JWS algorithms this tool verifies.", alg),
				"Use an algorithm from RFC 7518 or RFC 8037 that your libraries implement and that fits the key: HS256, RS256, PS256, ES256 or EdDSA.",
				"RFC 8725 §3.2"})
		}
	}
	if in.Header["zip"] != nil {
		add(Finding{"zip", SeverityWarning, "The header has zip, which a JWS does not define.",
			"Compression is defined for JWE only, and compressing before encryption can leak the plaintext.",
			"RFC 8725 §3.6"})
	}
}

// lintHeaderKeys flags header parameters that carry or point to a key.
func lintHeaderKeys(h map[string]any, add func(Finding)) {
	if _, ok := h["jwk"]; ok {
		add(Finding{"header-jwk", SeverityError, "The header embeds a public key (jwk).",
			"A verifier that trusts a key sent inside the token accepts tokens that attackers sign with their own key. Verify only with keys you hold.",
			"RFC 7515 §4.1.3, RFC 8725 §3.10"})
	}
	if u, ok := h["jku"]; ok {
		add(Finding{"header-jku", SeverityError, fmt.Sprintf("The header points to a key set URL (jku %v).", u),
			"Fetching keys from a URL in the token lets an attacker choose the key, and makes the server request any URL (SSRF). Look keys up from a configured JWKS.",
			"RFC 8725 §3.10"})
	}
	if u, ok := h["x5u"]; ok {
		add(Finding{"header-x5u", SeverityError, fmt.Sprintf("The header points to a certificate URL (x5u %v).", u),
			"Fetching a certificate from a URL in the token lets an attacker choose the key, and makes the server request any URL (SSRF).",
			"RFC 8725 §3.10"})
	}
	if _, ok := h["x5c"]; ok {
		add(Finding{"header-x5c", SeverityWarning, "The header carries a certificate chain (x5c).",
			"A chain in the token is only as good as its validation against your trust anchors; never take its key on its own.",
			"RFC 7515 §4.1.6, RFC 8725 §3.10"})
	}
}

// kidSuspects are fragments of paths, SQL and shell commands that have no
// business in a key id.
var kidSuspects = []string{"../", "..\\", "\\", "'", "\"", ";", "--", "/*", "|", "`", "$(", "&&", "\x00", "%00", "%2e%2e", "file:"}

var kidWords = []string{" or ", " and ", "union ", "select ", "sleep(", "drop "}

func lintKid(h map[string]any, add func(Finding)) {
	raw, ok := h["kid"]
	if !ok {
		return
	}
	kid, isString := raw.(string)
	if !isString {
		add(Finding{"kid-type", SeverityWarning, fmt.Sprintf("kid is a JSON %s, not a string.", jsonKind(raw)),
			"kid is a case-sensitive string; other types break key lookups or get converted in surprising ways.",
			"RFC 7515 §4.1.4"})
		return
	}
	lower := strings.ToLower(kid)
	if strings.HasPrefix(kid, "/") {
		add(suspiciousKid(kid, "/"))
		return
	}
	for _, s := range kidSuspects {
		if strings.Contains(lower, s) {
			add(suspiciousKid(kid, s))
			return
		}
	}
	for _, w := range kidWords {
		if strings.Contains(lower, w) {
			add(suspiciousKid(kid, strings.TrimSpace(w)))
			return
		}
	}
}

func suspiciousKid(kid, what string) Finding {
	return Finding{"kid-suspicious", SeverityWarning,
		fmt.Sprintf("kid %q contains %q, as path, SQL or command injection does.", kid, what),
		"Use kid only as an opaque key into a map of keys you hold: never as a file path, in a query or in a command.",
		"RFC 8725 §3.10"}
}

func lintTyp(h map[string]any, add func(Finding)) {
	raw, ok := h["typ"]
	if !ok {
		add(Finding{"typ-missing", SeverityInfo, "The header has no typ.",
			"Explicit typing (\"JWT\", or \"at+jwt\" for access tokens) keeps one kind of token from being accepted as another.",
			"RFC 8725 §3.11, RFC 7519 §5.1"})
		return
	}
	typ, _ := raw.(string)
	t := strings.ToLower(strings.TrimPrefix(strings.ToLower(typ), "application/"))
	if t != "jwt" && !strings.HasSuffix(t, "+jwt") {
		add(Finding{"typ-unexpected", SeverityWarning, fmt.Sprintf("typ is %v, not \"JWT\" or a \"…+jwt\" type.", quoteAny(raw)),
			"typ names the media type of the whole token: \"JWT\", or an explicit type such as \"at+jwt\" (RFC 9068).",
			"RFC 7519 §5.1, RFC 8725 §3.11"})
	}
}

func lintCrit(h map[string]any, add func(Finding)) {
	if _, ok := h["crit"]; ok {
		add(Finding{"crit", SeverityError, "The header lists crit extensions.",
			"A verifier must refuse a token whose crit names an extension it does not understand; this one, like most, understands none.",
			"RFC 7515 §4.1.11"})
	}
}

func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "number"
}

func quoteAny(v any) string {
	if s, ok := v.(string); ok {
		return fmt.Sprintf("%q", s)
	}
	return "a JSON " + jsonKind(v)
}
