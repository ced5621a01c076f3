//go:build e2e

package e2e_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// idClaims are the ID token claims that go-oidc's IDToken leaves in its
// raw claims.
type idClaims struct {
	AuthTime int64  `json:"auth_time"`
	AZP      string `json:"azp"`
	Username string `json:"preferred_username"`
}

// TestGoOIDC has github.com/coreos/go-oidc discover the worker, verify the
// ID token of a code flow with PKCE and a nonce driven by golang.org/x/oauth2,
// read userinfo, and verify the ID token of a refresh, which must keep the
// original authentication (OpenID Connect Core §12.2).
func TestGoOIDC(t *testing.T) {
	a := newAccount(t, "gooidc")
	ctx := context.Background()
	provider, err := oidc.NewProvider(ctx, baseURL)
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	ep := provider.Endpoint()
	if ep.AuthURL != baseURL+"/oauth/authorize" || ep.TokenURL != baseURL+"/oauth/token" {
		t.Fatalf("discovered endpoints %+v", ep)
	}
	ep.AuthStyle = oauth2.AuthStyleInHeader
	cb, got := callbackServer(t)
	conf := &oauth2.Config{ClientID: "authlab-demo", ClientSecret: demoSecret, Endpoint: ep,
		RedirectURL: cb.URL + "/callback", Scopes: []string{oidc.ScopeOpenID, "profile"}}
	verifier, state, nonce := oauth2.GenerateVerifier(), "st-"+uniqueName(""), "n-"+uniqueName("")
	q := approveInBrowser(t, conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce)), a, got)
	if q.Get("state") != state || q.Get("iss") != baseURL {
		t.Fatalf("callback query %v", q)
	}
	tok, err := conf.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := tok.Extra("id_token").(string)
	idv := provider.Verifier(&oidc.Config{ClientID: "authlab-demo"})
	id, err := idv.Verify(ctx, raw)
	if err != nil {
		t.Fatalf("go-oidc refused the ID token: %v", err)
	}
	var claims idClaims
	if err := id.Claims(&claims); err != nil {
		t.Fatal(err)
	}
	if id.Nonce != nonce || id.Issuer != baseURL || claims.Username != a.name || claims.AuthTime == 0 {
		t.Fatalf("ID token: nonce %q, iss %q, %+v", id.Nonce, id.Issuer, claims)
	}
	if _, err := provider.Verifier(&oidc.Config{ClientID: "authlab-web"}).Verify(ctx, raw); err == nil ||
		!strings.Contains(err.Error(), "audience") {
		t.Fatalf("an ID token for authlab-demo verified for authlab-web: %v", err)
	}

	info, err := provider.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		t.Fatalf("userinfo: %v", err)
	}
	var infoClaims idClaims
	if err := info.Claims(&infoClaims); err != nil || info.Subject != id.Subject || infoClaims.Username != a.name {
		t.Fatalf("userinfo: sub %q, ID token's %q, %+v %v", info.Subject, id.Subject, infoClaims, err)
	}

	t.Run("ID token from a refresh keeps the original authentication (OIDC Core §12.2)", func(t *testing.T) {
		// Refresh in a later second than the code exchange, so that a
		// refresh time in auth_time would show.
		time.Sleep(time.Until(time.Unix(claims.AuthTime+1, 50e6)))
		stale := &oauth2.Token{AccessToken: tok.AccessToken, RefreshToken: tok.RefreshToken, Expiry: time.Now().Add(-time.Minute)}
		fresh, err := conf.TokenSource(ctx, stale).Token()
		if err != nil {
			t.Fatalf("refresh: %v", err)
		}
		raw, _ := fresh.Extra("id_token").(string)
		id2, err := idv.Verify(ctx, raw)
		if err != nil {
			t.Fatalf("go-oidc refused the refreshed ID token: %v", err)
		}
		var claims2 idClaims
		if err := id2.Claims(&claims2); err != nil {
			t.Fatal(err)
		}
		if id2.Issuer != id.Issuer || id2.Subject != id.Subject || !slices.Equal(id2.Audience, id.Audience) || claims2.AZP != claims.AZP {
			t.Errorf("refreshed ID token: iss %q sub %q aud %q azp %q; original iss %q sub %q aud %q azp %q",
				id2.Issuer, id2.Subject, id2.Audience, claims2.AZP, id.Issuer, id.Subject, id.Audience, claims.AZP)
		}
		if claims2.AuthTime != claims.AuthTime {
			t.Errorf("refreshed ID token: auth_time %d, the original authentication's %d", claims2.AuthTime, claims.AuthTime)
		}
	})
}
