package oauth_test

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
)

func TestCallbackCheck(t *testing.T) {
	const iss = "https://as.example"
	for _, c := range []struct {
		name, url     string
		state, issuer string
		want          error
		wantCode      string
		wantErrCode   string
	}{
		{"ok", "https://app.example/cb?code=abc&state=s1&iss=https%3A%2F%2Fas.example", "s1", iss, nil, "abc", ""},
		{"no state expected", "https://app.example/cb?code=abc", "", "", nil, "abc", ""},
		{"state mismatch", "https://app.example/cb?code=abc&state=evil&iss=https%3A%2F%2Fas.example", "s1", iss, oauth.ErrStateMismatch, "abc", ""},
		{"state missing", "https://app.example/cb?code=abc&iss=https%3A%2F%2Fas.example", "s1", iss, oauth.ErrNoState, "abc", ""},
		{"issuer mix-up", "https://app.example/cb?code=abc&state=s1&iss=https%3A%2F%2Fevil.example", "s1", iss, oauth.ErrIssuerMismatch, "abc", ""},
		{"issuer missing", "https://app.example/cb?code=abc&state=s1", "s1", iss, oauth.ErrIssuerMismatch, "abc", ""},
		{"error response", "https://app.example/cb?error=access_denied&error_description=no+thanks&state=s1&iss=https%3A%2F%2Fas.example", "s1", iss, nil, "", "access_denied"},
		{"forged error", "https://app.example/cb?error=access_denied&state=x", "s1", "", oauth.ErrStateMismatch, "", "access_denied"},
		{"nothing", "https://app.example/cb?state=s1", "s1", "", oauth.ErrNoCode, "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			cb, err := oauth.ParseCallback(c.url)
			if err != nil {
				t.Fatal(err)
			}
			if cb.Code != c.wantCode {
				t.Errorf("code = %q", cb.Code)
			}
			err = cb.Check(c.state, c.issuer)
			var oe *oauth.Error
			switch {
			case c.wantErrCode != "" && c.want == nil:
				if !errors.As(err, &oe) || oe.Code != c.wantErrCode {
					t.Fatalf("Check = %v, want the %s error response", err, c.wantErrCode)
				}
			case !errors.Is(err, c.want):
				t.Fatalf("Check = %v, want %v", err, c.want)
			}
		})
	}
}

func TestParseCallbackParams(t *testing.T) {
	cb, err := oauth.ParseCallback("/oauth/callback?code=a%2Bb&state=s&iss=x&error_description=d")
	if err != nil {
		t.Fatal(err)
	}
	want := []httpmsg.Field{{Name: "code", Value: "a+b"}, {Name: "state", Value: "s"}, {Name: "iss", Value: "x"}, {Name: "error_description", Value: "d"}}
	if len(cb.Params) != len(want) {
		t.Fatalf("params %v", cb.Params)
	}
	for i := range want {
		if cb.Params[i] != want[i] {
			t.Errorf("param %d = %v, want %v", i, cb.Params[i], want[i])
		}
	}
	if _, err := oauth.ParseCallback("/cb?code=a&code=b"); !errors.Is(err, oauth.ErrDuplicate) {
		t.Errorf("duplicate code: %v", err)
	}
	if _, err := oauth.ParseCallback("%zz"); err == nil {
		t.Error("a malformed URL parsed")
	}
}
