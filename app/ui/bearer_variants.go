package ui

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// variant is one way of presenting a Bearer token, right or wrong, with
// what RFC 6750 says the server answers.
type variant struct {
	ID, Label string
	// Expect is the answer RFC 6750 §3 calls for.
	Expect string
	// Craft returns the Authorization header value to send, "" for none,
	// and what was done to the token.
	Craft func(token string, now time.Time) (header, note string, err error)
}

// leeway is the clock skew the demo server allows on exp.
const leeway = 30 * time.Second

var variants = []variant{
	{"valid", "Valid", "200 OK", func(tok string, _ time.Time) (string, string, error) {
		return "Bearer " + tok, "The token as the server issued it.", nil
	}},
	{"missing", "Missing", `401 with WWW-Authenticate: Bearer realm="…" and no error code (RFC 6750 §3.1)`, func(string, time.Time) (string, string, error) {
		return "", "No Authorization header at all.", nil
	}},
	{"malformed", "Malformed", "400 invalid_request (RFC 6750 §3.1)", func(tok string, _ time.Time) (string, string, error) {
		return `Bearer "` + tok + `"`, "The token in quotes, a frequent copy-and-paste slip: quotes are not allowed in a b64token (RFC 6750 §2.1).", nil
	}},
	{"expired", "Expired", "401 invalid_token", craftExpired},
	{"tampered", "Tampered", "401 invalid_token", craftTampered},
	{"audience", "Wrong audience", "401 invalid_token", craftAudience},
}

func variantByID(id string) variant {
	for _, v := range variants {
		if v.ID == id {
			return v
		}
	}
	return variants[0]
}

// tokenClaims decodes the token's claims, unverified (jot.Inspect).
func tokenClaims(tok string) (map[string]any, map[string]any, error) {
	in := jot.Inspect(tok)
	if in.Header == nil || in.Payload == nil {
		return nil, nil, fmt.Errorf("the token's header or payload cannot be decoded: %v", in.Err())
	}
	return in.Header, in.Payload, nil
}

// craftTampered grants the token "admin": true and keeps the signature, as
// an attacker who edits a token would: the signature no longer matches.
func craftTampered(tok string, _ time.Time) (string, string, error) {
	_, claims, err := tokenClaims(tok)
	if err != nil {
		return "", "", err
	}
	claims["admin"] = true
	payload, _ := json.Marshal(claims)
	parts := strings.Split(tok, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString(payload)
	return "Bearer " + strings.Join(parts, "."), `"admin": true added to the payload, the signature kept: the signature covers the payload, so it no longer matches (RFC 7515 §5.2).`, nil
}

// craftExpired sends the token as it is once it has expired. Until then
// it can only forge one: this page does not hold the server's key.
func craftExpired(tok string, now time.Time) (string, string, error) {
	_, claims, err := tokenClaims(tok)
	if err != nil {
		return "", "", err
	}
	if exp, ok, _ := jot.NumericDate(claims, "exp"); ok && now.After(exp.Add(leeway)) {
		return "Bearer " + tok, fmt.Sprintf("Your token, unchanged: it expired %s ago, past the server's %s of leeway for clock skew.", now.Sub(exp).Round(time.Second), leeway), nil
	}
	claims["exp"] = now.Add(-time.Hour).Unix()
	claims["iat"] = now.Add(-2 * time.Hour).Unix()
	return forge(tok, claims, "exp set an hour ago")
}

// craftAudience forges the token for another audience.
func craftAudience(tok string, _ time.Time) (string, string, error) {
	_, claims, err := tokenClaims(tok)
	if err != nil {
		return "", "", err
	}
	claims["aud"] = "https://another-api.example"
	return forge(tok, claims, `aud set to "https://another-api.example"`)
}

// forge signs claims with a key made in this page, under the kid of the
// server's key. The server looks the kid up, finds its own key, and the
// signature fails: it never reads exp or aud of a token it did not sign,
// which is the order RFC 7519 §7.2 and RFC 8725 §3.1 require.
func forge(tok string, claims map[string]any, what string) (string, string, error) {
	header, _, _ := tokenClaims(tok)
	k, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		return "", "", err
	}
	extra := map[string]any{}
	if kid, ok := header["kid"].(string); ok {
		extra["kid"] = kid
	}
	forged, err := jot.Sign(claims, "ES256", k, extra)
	if err != nil {
		return "", "", err
	}
	return "Bearer " + forged, "Made in this page with app/jot: " + what + ", and signed with a key this page just generated, because only the server holds its own. " +
		"The server checks the signature first, so it refuses the token for its signature before it ever reads the claims; that order is what keeps forged claims out. " +
		"A token the server signed itself, once expired or meant for another audience, gets the same 401 invalid_token, with the reason in error_description.", nil
}
