package ui

import (
	"encoding/json"

	"github.com/authlab/authlab/app/webio"
)

// oauthPendingKey names the one sessionStorage entry of the OAuth page.
const oauthPendingKey = "authlab.oauth.pending"

// oauthPending is what must survive the redirect to the consent page and
// back: a full navigation that unloads this page and its memory. It holds
// the PKCE verifier and the state, which only make sense together with a
// code issued to this tab, and the endpoints. Never a token.
//
// It is kept in sessionStorage, which is per tab and per origin, cleared
// when the tab closes, and not sent anywhere; the callback page reads it
// once and removes it at once. That is what OAuth libraries for browsers
// do (RFC 9700 §2.1.1 asks only that the verifier be bound to the
// session), and it keeps the flow a click-through for the learner.
type oauthPending struct {
	Verifier    string    `json:"code_verifier"`
	State       string    `json:"state"`
	RedirectURI string    `json:"redirect_uri"`
	AuthURL     string    `json:"authorization_url"`
	Scope       string    `json:"scope"`
	CodeTTL     int       `json:"authlab_code_ttl,omitempty"`
	Meta        oauthMeta `json:"metadata"`
	Created     int64     `json:"created"`
}

// oauthMeta is the part of the RFC 8414 metadata the walkthrough uses.
type oauthMeta struct {
	Issuer        string `json:"issuer"`
	Authorization string `json:"authorization_endpoint"`
	Token         string `json:"token_endpoint"`
	Userinfo      string `json:"userinfo_endpoint"`
	Introspection string `json:"introspection_endpoint"`
	Revocation    string `json:"revocation_endpoint"`
	// CodeTTL is this server's authlab_code_ttl: the seconds its codes
	// live unless a request asks for less.
	CodeTTL int `json:"authlab_code_ttl,omitempty"`
}

// oauthSavePending stores p for the callback page in this tab.
func oauthSavePending(p *oauthPending) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return webio.Session.Set(oauthPendingKey, string(b))
}

// oauthTakePending reads and removes the pending authorization, so that a
// reload or a second callback cannot use the verifier again.
func oauthTakePending() *oauthPending {
	v, ok := webio.Session.Get(oauthPendingKey)
	if !ok {
		return nil
	}
	var p oauthPending
	err := json.Unmarshal([]byte(v), &p)
	webio.Session.Remove(oauthPendingKey)
	if err != nil || p.Verifier == "" {
		return nil
	}
	return &p
}
