//go:build !wasm

package ui_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/ui"
)

// TestOAuthPagePrerender: /oauth and its callback are prerendered with all
// eight steps, the client credentials panel, the lab and the presets, so
// the static site has them and the worker's assets answer the redirect.
func TestOAuthPagePrerender(t *testing.T) {
	ui.Register()
	cfg, err := ui.Config{Version: "test"}.Normalize()
	if err != nil {
		t.Fatal(err)
	}
	h := ui.Handler(cfg)
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/oauth", []string{
			`id="step-1"`, `id="step-2"`, `id="step-3"`, `id="step-4"`, `id="step-5"`, `id="step-6"`, `id="step-7"`, `id="step-8"`,
			`id="generate"`, "This step runs on /oauth/callback",
			`id="client-credentials"`, `id="cc-header"`, "Authorization: Basic YXV0aGxhYi1kZW1vOmF1dGhsYWItZGVtby1zZWNyZXQ=",
			`id="lab-wrong-verifier"`, `id="lab-reused-code"`, `id="lab-redirect"`, `id="lab-state"`, `id="lab-plain"`, `id="lab-expired"`, `id="lab-wrong-secret"`,
			`id="preset-github"`, `id="preset-google"`, `id="preset-spotify"`,
			`id="preset-output"`, "code_challenge=CHALLENGE_MADE_IN_YOUR_BROWSER", "VERIFIER_MADE_IN_YOUR_BROWSER",
			"/web/oauth.css",
		}},
		{"/oauth/callback", []string{`id="step-4"`, "Start a new flow"}},
	} {
		t.Run(c.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			body := rec.Body.String()
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s lacks %s", c.path, w)
				}
			}
		})
	}
	found := false
	for _, p := range ui.Paths() {
		found = found || p == "/oauth/callback"
	}
	if !found {
		t.Error("/oauth/callback is not among the prerendered paths")
	}
}
