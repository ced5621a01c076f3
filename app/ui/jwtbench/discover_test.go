package jwtbench

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/discovery"
)

// TestDiscoveryView renders a discovery in which the browser could not
// read the OpenID metadata, RFC 8414's metadata was missing and the JWK
// Set had a key with an x5c chain whose leaf has expired: every URL shows
// with its answer, the CORS refusal is named and the curl command offered,
// and each certificate shows with its link and validity.
func TestDiscoveryView(t *testing.T) {
	now := time.Now()
	r := &discovery.Report{
		Issuer: "https://issuer.example/realms/x", Kid: "k1",
		Attempts: []discovery.Attempt{
			{URL: "https://issuer.example/realms/x/.well-known/openid-configuration", Purpose: discovery.PurposeOpenID,
				Err: fmt.Errorf("%w: TypeError: Failed to fetch", discovery.ErrUnreadable)},
			{URL: "https://issuer.example/.well-known/oauth-authorization-server/realms/x", Purpose: discovery.PurposeRFC8414,
				Status: 404, Err: fmt.Errorf("%w: 404", discovery.ErrStatus)},
			{URL: "https://issuer.example/realms/x/.well-known/jwks.json", Purpose: discovery.PurposeConventional, Status: 200, Note: "JWK Set with 2 keys"},
		},
		Key: &discovery.Key{Kid: "k1", Kty: "RSA", Alg: "RS256", Use: "sig", Source: "https://issuer.example/realms/x/.well-known/jwks.json",
			Chain: []discovery.Cert{
				{Subject: "CN=leaf", Issuer: "CN=ca", NotBefore: now.Add(-48 * time.Hour), NotAfter: now.Add(-time.Hour), SHA256: "ab12", SignedByNext: true},
				{Subject: "CN=ca", Issuer: "CN=ca", NotBefore: now.Add(-48 * time.Hour), NotAfter: now.Add(48 * time.Hour), SHA256: "cd34"},
			}},
		Curl: discovery.Curl("https://issuer.example/realms/x/.well-known/openid-configuration"),
	}
	p := &page{}
	p.token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlL3JlYWxtcy94In0.c2ln"
	p.refresh()
	p.disc.report = r
	html := app.HTMLString(p.renderDiscovery())
	for _, want := range []string{
		`data-state="unreadable"`, `data-state="failed"`, `data-state="ok"`, "HTTP 404", "JWK Set with 2 keys",
		"CORS", "curl --fail", "&#39;https://issuer.example/realms/x/.well-known/openid-configuration&#39;",
		"RS256", "CN=leaf", "ab12", `data-validity="expired"`, `data-validity="valid"`, "(not valid now)",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the discovery view lacks %q", want)
		}
	}
	if strings.Count(html, `class="attempt"`) != 3 {
		t.Errorf("not three URLs shown: %s", html)
	}
	if !errors.Is(r.Attempts[0].Err, discovery.ErrUnreadable) || len(unreadable(r)) != 1 {
		t.Errorf("unreadable = %v", unreadable(r))
	}
	p.token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsyIn0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlL3JlYWxtcy94In0.c2ln"
	p.refresh()
	if p.renderDiscovery() != nil {
		t.Error("a token with another kid still shows the discovery")
	}
}
