package ui

import "testing"

// TestElementText reads messages in the shape the authorization server
// writes them (app/authserver/oauth_consent.go): escaped text in a p with
// the id, other attributes after it.
func TestElementText(t *testing.T) {
	page := `<h1>Sign in</h1>
<p class="problems" id="login-error" role="alert">wrong password for &#34;ada&#34; &amp; co</p>
<form>`
	if got, ok := elementText(page, "authz-error", "login-error"); !ok || got != `wrong password for "ada" & co` {
		t.Errorf("login error: %q, %v", got, ok)
	}
	if got, ok := elementText(page, "authz-error"); ok {
		t.Errorf("authz-error found in a page without it: %q", got)
	}
	fatal := `<p class="problems" id="authz-error">redirect_uri is not registered for this client</p>`
	if got, ok := elementText(fatal, "authz-error"); !ok || got != "redirect_uri is not registered for this client" {
		t.Errorf("authorization error: %q, %v", got, ok)
	}
	for _, broken := range []string{`<p id="authz-error"`, `<p id="authz-error">no end`, ``} {
		if got, ok := elementText(broken, "authz-error"); ok {
			t.Errorf("%q: read %q", broken, got)
		}
	}
}
