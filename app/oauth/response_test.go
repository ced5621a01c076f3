package oauth_test

import (
	"errors"
	"testing"
	"time"

	"github.com/authlab/authlab/app/oauth"
)

func TestParseTokenResponse(t *testing.T) {
	for _, c := range []struct {
		name     string
		status   int
		body     string
		wantErr  error
		wantCode string
	}{
		{"ok", 200, `{"access_token":"a","token_type":"bearer","expires_in":900,"refresh_token":"r"}`, nil, ""},
		{"rfc error", 400, `{"error":"invalid_grant","error_description":"used"}`, nil, "invalid_grant"},
		{"invalid_client", 401, `{"error":"invalid_client"}`, nil, "invalid_client"},
		{"github style error", 200, `{"error":"bad_verification_code","error_description":"The code passed is incorrect or expired."}`, nil, "bad_verification_code"},
		{"no access token", 200, `{"token_type":"Bearer"}`, oauth.ErrBadResponse, ""},
		{"no token type", 200, `{"access_token":"a"}`, oauth.ErrBadResponse, ""},
		{"html", 502, `<html>bad gateway</html>`, oauth.ErrBadResponse, ""},
		{"not json", 200, `access_token=a&token_type=bearer`, oauth.ErrBadResponse, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, err := oauth.ParseTokenResponse(c.status, []byte(c.body))
			var oe *oauth.Error
			switch {
			case c.wantCode != "":
				if !errors.As(err, &oe) || oe.Code != c.wantCode {
					t.Fatalf("err = %v, want %s", err, c.wantCode)
				}
			case c.wantErr != nil:
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
			default:
				if err != nil || !tr.Bearer() || tr.RefreshToken != "r" {
					t.Fatalf("got %+v, %v", tr, err)
				}
			}
		})
	}
}

func TestRenewal(t *testing.T) {
	got := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, c := range []struct {
		expiresIn int64
		renewIn   time.Duration
	}{
		{900, 840 * time.Second}, // 15 min: renew a minute early
		{300, 270 * time.Second}, // a tenth of 5 min
		{60, 50 * time.Second},   // at least 10 s early
		{5, 0},                   // shorter than the margin: renew now
	} {
		tr := &oauth.TokenResponse{AccessToken: "a", TokenType: "Bearer", ExpiresIn: c.expiresIn}
		if exp := tr.Expiry(got); !exp.Equal(got.Add(time.Duration(c.expiresIn) * time.Second)) {
			t.Errorf("Expiry(%d) = %v", c.expiresIn, exp)
		}
		if at := tr.RenewAt(got); !at.Equal(got.Add(c.renewIn)) {
			t.Errorf("RenewAt(%d) = +%v, want +%v", c.expiresIn, at.Sub(got), c.renewIn)
		}
	}
	none := &oauth.TokenResponse{AccessToken: "a", TokenType: "Bearer"}
	if !none.Expiry(got).IsZero() || !none.RenewAt(got).IsZero() {
		t.Error("a token without expires_in was given an expiry")
	}
}
