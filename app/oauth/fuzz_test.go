package oauth_test

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/oauth"
)

// FuzzParseCallback: the callback URL is attacker-controlled. Parsing
// never panics, and a response whose state differs never passes Check.
func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{
		"/oauth/callback?code=abc&state=s1&iss=https%3A%2F%2Fas.example",
		"/cb?error=access_denied&state=s1",
		"/cb?code=a&code=b", "/cb?%zz=1&state=%", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		cb, err := oauth.ParseCallback(raw)
		if err != nil {
			return
		}
		if cb.State != "s1" {
			if err := cb.Check("s1", ""); err == nil || !(errors.Is(err, oauth.ErrStateMismatch) || errors.Is(err, oauth.ErrNoState)) {
				t.Fatalf("state %q passed Check: %v", cb.State, err)
			}
		}
	})
}

// FuzzParseTokenResponse: a token endpoint's body is untrusted. Parsing
// never panics and a success always carries an access token.
func FuzzParseTokenResponse(f *testing.F) {
	for _, s := range []string{
		`{"access_token":"a","token_type":"Bearer","expires_in":900}`,
		`{"error":"invalid_grant"}`, `{"access_token":1}`, `[]`, `null`, ``,
	} {
		f.Add(200, s)
		f.Add(400, s)
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		tr, err := oauth.ParseTokenResponse(status, []byte(body))
		if err == nil && (tr.AccessToken == "" || tr.TokenType == "" || status != 200) {
			t.Fatalf("accepted %d %q as %+v", status, body, tr)
		}
	})
}
