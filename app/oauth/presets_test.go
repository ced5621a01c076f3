package oauth_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/authlab/authlab/app/oauth"
)

const (
	presetChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
	presetVerifier  = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
)

func TestPresetAuthorizationURLs(t *testing.T) {
	for _, c := range []struct {
		provider *oauth.Provider
		redirect string
		want     string
	}{
		{oauth.GitHub, "http://127.0.0.1:8080/callback",
			"https://github.com/login/oauth/authorize?client_id=Iv1.abc&code_challenge=" + presetChallenge +
				"&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&response_type=code&scope=read%3Auser+user%3Aemail&state=st"},
		{oauth.Google, "https://app.example/cb",
			"https://accounts.google.com/o/oauth2/v2/auth?access_type=offline&client_id=Iv1.abc&code_challenge=" + presetChallenge +
				"&code_challenge_method=S256&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&response_type=code&scope=openid+email+profile&state=st"},
		{oauth.Spotify, "http://127.0.0.1:8080/callback",
			"https://accounts.spotify.com/authorize?client_id=Iv1.abc&code_challenge=" + presetChallenge +
				"&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&response_type=code&scope=user-read-private+user-read-email&state=st"},
	} {
		t.Run(c.provider.Name, func(t *testing.T) {
			got, err := c.provider.AuthRequest("Iv1.abc", c.redirect, "st", presetChallenge, nil).URL()
			if err != nil || got != c.want {
				t.Fatalf("URL =\n%s\nwant\n%s (%v)", got, c.want, err)
			}
		})
	}
	u, _ := oauth.Google.AuthRequest("id", "https://a.example/cb", "s", presetChallenge, []string{"openid"}).URL()
	if q, _ := url.Parse(u); q.Query().Get("scope") != "openid" {
		t.Errorf("explicit scopes were not used: %s", u)
	}
}

func TestPresetTokenRequests(t *testing.T) {
	const code, redirect = "c0de", "http://127.0.0.1:8080/callback"
	for _, c := range []struct {
		name     string
		provider *oauth.Provider
		secret   string
		url      string
		auth     string
		body     string
		wantErr  error
	}{
		{"github", oauth.GitHub, "gh-secret", "https://github.com/login/oauth/access_token", "",
			"grant_type=authorization_code&code=c0de&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&code_verifier=" + presetVerifier + "&client_id=cid&client_secret=gh-secret", nil},
		{"github needs a secret", oauth.GitHub, "", "", "", "", oauth.ErrNoSecret},
		{"google", oauth.Google, "g-secret", "https://oauth2.googleapis.com/token", "",
			"grant_type=authorization_code&code=c0de&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&code_verifier=" + presetVerifier + "&client_id=cid&client_secret=g-secret", nil},
		{"google needs a secret", oauth.Google, "", "", "", "", oauth.ErrNoSecret},
		{"spotify pkce", oauth.Spotify, "", "https://accounts.spotify.com/api/token", "",
			"grant_type=authorization_code&code=c0de&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&code_verifier=" + presetVerifier + "&client_id=cid", nil},
		{"spotify secret", oauth.Spotify, "sp-secret", "https://accounts.spotify.com/api/token", "Basic Y2lkOnNwLXNlY3JldA==",
			"grant_type=authorization_code&code=c0de&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback&code_verifier=" + presetVerifier, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.provider.ExchangeCode("cid", c.secret, code, redirect, presetVerifier)
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Method != "POST" || r.URL != c.url || r.Get("Authorization") != c.auth || r.Body != c.body {
				t.Fatalf("got %s %s auth %q body\n%s\nwant\n%s", r.Method, r.URL, r.Get("Authorization"), r.Body, c.body)
			}
			if r.Get("Accept") != "application/json" || r.Get("Content-Type") != "application/x-www-form-urlencoded" {
				t.Errorf("headers %v", r.Header)
			}
		})
	}
}

func TestPresetRefresh(t *testing.T) {
	if _, err := oauth.GitHub.Refresh("cid", "s", "rt"); err == nil {
		t.Error("GitHub OAuth apps get no refresh token, but a refresh request was built")
	}
	r, err := oauth.Spotify.Refresh("cid", "", "rt")
	if err != nil || r.Body != "grant_type=refresh_token&refresh_token=rt&client_id=cid" {
		t.Fatalf("Spotify refresh = %+v, %v", r, err)
	}
	r, err = oauth.Google.Refresh("cid", "gs", "rt")
	if err != nil || r.Body != "grant_type=refresh_token&refresh_token=rt&client_id=cid&client_secret=gs" {
		t.Fatalf("Google refresh = %+v, %v", r, err)
	}
}

func TestPresetByName(t *testing.T) {
	for _, p := range oauth.Presets() {
		got, ok := oauth.PresetByName(p.Name)
		if !ok || got != p {
			t.Errorf("PresetByName(%q) = %v", p.Name, got)
		}
		for _, raw := range []string{p.AuthURL, p.TokenURL, p.Docs} {
			if u, err := url.Parse(raw); err != nil || u.Scheme != "https" {
				t.Errorf("%s: %q is not an https URL", p.Name, raw)
			}
		}
	}
	if _, ok := oauth.PresetByName("spotify"); !ok {
		t.Error("lookup is case-sensitive")
	}
	if _, ok := oauth.PresetByName("myspace"); ok {
		t.Error("an unknown provider was found")
	}
}
