package ui

import "testing"

// TestPresetsReplaceStandIns: the prerendered presets carry stand-ins for
// the PKCE pair and the state; in the browser they carry fresh ones, which
// the requests shown are built from.
func TestPresetsReplaceStandIns(t *testing.T) {
	p := &oauthPresets{}
	p.OnInit()
	challenge0, verifier0, state0 := p.secrets()
	p.makeSecrets()
	challenge, verifier, state := p.secrets()
	if challenge == challenge0 || verifier == verifier0 || state == state0 {
		t.Fatalf("after the mount the presets still show a stand-in: %q %q %q", challenge, verifier, state)
	}
	if p.pkce == nil || challenge != p.pkce.Challenge || verifier != p.pkce.Verifier || state != p.state {
		t.Errorf("the requests are not built from the pair and state made")
	}
}
