package jot

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// maxLifetime is the longest lifetime lint accepts without a warning.
const maxLifetime = 24 * time.Hour

// msThreshold is a NumericDate beyond which the value is almost surely in
// milliseconds: 10^11 seconds is the year 5138.
const msThreshold = 1e11

func lintTimes(c map[string]any, now time.Time, add func(Finding)) {
	dates := map[string]time.Time{}
	for _, name := range []string{"exp", "nbf", "iat", "auth_time"} {
		t, ok, err := NumericDate(c, name)
		if err != nil {
			add(Finding{"time-type", SeverityError, fmt.Sprintf("%s is not a NumericDate: a JSON number of seconds since 1970.", name),
				"Verifiers reject, or worse, misread, dates written as strings or objects.",
				"RFC 7519 §2, §4.1.4"})
			continue
		}
		if !ok {
			continue
		}
		if t.Unix() > msThreshold {
			add(Finding{"time-milliseconds", SeverityError, fmt.Sprintf("%s is %d: milliseconds rather than seconds, so it lies in the year %d.", name, t.Unix(), t.Year()),
				"NumericDate counts seconds; a JavaScript Date.now() value must be divided by 1000.",
				"RFC 7519 §2"})
			continue
		}
		dates[name] = t
	}
	exp, hasExp := dates["exp"]
	if _, present := c["exp"]; !present {
		add(Finding{"exp-missing", SeverityWarning, "The token has no exp, so it never expires.",
			"A token that never expires works forever once leaked. Give every token an exp, short for access tokens.",
			"RFC 7519 §4.1.4, RFC 9068 §2.2"})
	}
	if !hasExp {
		return
	}
	start, from := now, "now"
	if t, ok := dates["nbf"]; ok {
		start, from = t, "nbf"
	}
	if t, ok := dates["iat"]; ok {
		start, from = t, "iat"
	}
	if life := exp.Sub(start); life > maxLifetime {
		add(Finding{"long-lifetime", SeverityWarning,
			fmt.Sprintf("The token lives %s from %s to exp, more than 24 h.", Duration(life), from),
			"The longer a token lives, the longer a leaked one works. Keep access tokens to minutes or hours, and refresh them.",
			"RFC 6819 §5.1.5.3, RFC 8725 §3.10"})
	}
}

func lintAudience(c map[string]any, add func(Finding)) {
	if _, ok := c["iss"]; !ok {
		add(Finding{"iss-missing", SeverityWarning, "The token has no iss.",
			"Without an issuer a verifier cannot tell which party's keys and rules apply, and tokens from one issuer pass at another.",
			"RFC 8725 §3.8, RFC 7519 §4.1.1"})
	}
	if _, ok := c["aud"]; !ok {
		add(Finding{"aud-missing", SeverityWarning, "The token has no aud.",
			"Without an audience a token issued for one service is accepted by every other service that trusts the issuer.",
			"RFC 8725 §3.9, RFC 7519 §4.1.3"})
	}
}

// sensitiveNames are fragments of claim names that should never travel in
// a token readable by anyone who holds it.
var sensitiveNames = []string{"password", "passwd", "pwd", "secret", "private_key", "privatekey",
	"api_key", "apikey", "ssn", "social_security", "credit_card", "creditcard", "card_number",
	"cardnumber", "cvv", "cvc", "pin_code", "iban", "client_secret"}

func lintSensitive(c map[string]any, add func(Finding)) {
	names := make([]string, 0, len(c))
	for name := range c {
		names = append(names, name)
	}
	sort.Strings(names)
	var hits []string
	for _, name := range names {
		lower := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
		for _, s := range sensitiveNames {
			if strings.Contains(lower, s) {
				hits = append(hits, name)
				break
			}
		}
	}
	if len(hits) > 0 {
		add(Finding{"sensitive-claim", SeverityWarning,
			fmt.Sprintf("Claims named like secrets or personal data: %s.", strings.Join(hits, ", ")),
			"A signed JWT is encoded, not encrypted: anyone holding it reads every claim. Keep secrets out, or use JWE.",
			"RFC 7519 §12, RFC 8725 §3.4"})
	}
	var cards []string
	var path []any
	walkStrings(c, &path, func(s string, number bool) {
		// Millisecond timestamps have 13 digits; card numbers written as
		// JSON numbers have 15 or more.
		if len(cards) < 3 && (!number || len(s) >= 15) && looksLikeCard(s) {
			cards = append(cards, pathString(path))
		}
	})
	if len(cards) > 0 {
		add(Finding{"card-number", SeverityWarning,
			fmt.Sprintf("Values that pass the Luhn check of payment card numbers: %s.", strings.Join(cards, ", ")),
			"Card numbers in a readable token break PCI DSS and leak to every log and proxy that sees it.",
			"RFC 7519 §12"})
	}
}

// walkStrings calls f with every string, and every number's text, in v.
// path holds the member names and indexes leading to the value.
func walkStrings(v any, path *[]any, f func(s string, number bool)) {
	if len(*path) > MaxDepth {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			*path = append(*path, k)
			walkStrings(e, path, f)
			*path = (*path)[:len(*path)-1]
		}
	case []any:
		for i, e := range x {
			*path = append(*path, i)
			walkStrings(e, path, f)
			*path = (*path)[:len(*path)-1]
		}
	case string:
		f(x, false)
	case fmt.Stringer: // json.Number
		f(x.String(), true)
	}
}

// pathString writes a path as "billing.cards[0]".
func pathString(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		}
	}
	return b.String()
}

// looksLikeCard reports whether s is 13 to 19 digits, optionally grouped
// by spaces or dashes, that pass the Luhn check (ISO/IEC 7812-1).
func looksLikeCard(s string) bool {
	digits := make([]byte, 0, 19)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if len(digits) == 19 {
				return false
			}
			digits = append(digits, c-'0')
		case c == ' ' || c == '-':
		default:
			return false
		}
	}
	if len(digits) < 13 || allSame(digits) {
		return false
	}
	sum := 0
	for i := range digits {
		d := int(digits[len(digits)-1-i])
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

func allSame(b []byte) bool {
	for _, c := range b {
		if c != b[0] {
			return false
		}
	}
	return true
}
