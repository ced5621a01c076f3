package ui

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/authlab/authlab/app/jot"
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
	// Demo names the token of POST /api/demo-tokens to send instead, one
	// that the server signed and that fails for its own claim.
	Demo, DemoNote string
}

// leeway is the clock skew the demo server allows on exp.
const leeway = 30 * time.Second

var variants = []variant{
	{ID: "valid", Label: "Valid", Expect: "200 OK", Craft: func(tok string, _ time.Time) (string, string, error) {
		return "Bearer " + tok, "The token as the server issued it.", nil
	}},
	{ID: "missing", Label: "Missing", Expect: `401 with WWW-Authenticate: Bearer realm="…" and no error code (RFC 6750 §3.1)`, Craft: func(string, time.Time) (string, string, error) {
		return "", "No Authorization header at all.", nil
	}},
	{ID: "malformed", Label: "Malformed", Expect: "400 invalid_request (RFC 6750 §3.1)", Craft: func(tok string, _ time.Time) (string, string, error) {
		return `Bearer "` + tok + `"`, "The token in quotes, a frequent copy-and-paste slip: quotes are not allowed in a b64token (RFC 6750 §2.1).", nil
	}},
	{ID: "expired", Label: "Expired", Expect: "401 invalid_token, error_description naming the expiry (RFC 7519 §4.1.4)", Demo: "expired",
		DemoNote: "A token the server signed for you with POST /api/demo-tokens, whose exp passed before it was issued: the signature is good, the time is not."},
	{ID: "tampered", Label: "Tampered", Expect: "401 invalid_token, error_description naming the signature (RFC 7515 §5.2)", Craft: craftTampered},
	{ID: "audience", Label: "Wrong audience", Expect: "401 invalid_token, error_description naming aud (RFC 7519 §4.1.3)", Demo: "other_audience",
		DemoNote: "A token the server signed for you with POST /api/demo-tokens, for another service's audience: good signature, good time, not meant for this API."},
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
