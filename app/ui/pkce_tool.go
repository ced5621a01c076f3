package ui

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// pkceTool makes a PKCE code verifier and its S256 code challenge
// (RFC 7636 §4.1, §4.2), and shows the authorization request that carries
// the challenge. Nothing is sent.
type pkceTool struct {
	app.Compo
	verifier string
}

func (t *pkceTool) OnInit() { t.verifier = newVerifier() }

// newVerifier returns 32 random bytes in base64url: 43 characters of the
// unreserved set, as RFC 7636 §4.1 recommends.
func newVerifier() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// s256 is BASE64URL(SHA256(ASCII(code_verifier))), RFC 7636 §4.2.
func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// validVerifier checks RFC 7636 §4.1: 43 to 128 unreserved characters.
func validVerifier(v string) bool {
	if len(v) < 43 || len(v) > 128 {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
			return false
		}
	}
	return true
}

func (t *pkceTool) Render() app.UI {
	challenge := s256(t.verifier)
	q := url.Values{}
	q.Set("response_type", "code")
	q.Set("client_id", "your-client-id")
	q.Set("redirect_uri", "https://app.example/callback")
	q.Set("scope", "profile")
	q.Set("state", "a-random-value")
	q.Set("code_challenge", challenge)
	q.Set("code_challenge_method", "S256")
	return app.Div().Class("tool pkce-tool").Body(
		app.Label().For("pkce-verifier").Text("code_verifier (kept by the client)"),
		app.Input().ID("pkce-verifier").Type("text").Spellcheck(false).AutoComplete(false).Value(t.verifier).
			OnInput(func(ctx app.Context, e app.Event) { t.verifier = inputValue(ctx) }),
		app.Button().ID("pkce-new").Type("button").Class("secondary").Text("New verifier").
			OnClick(func(ctx app.Context, e app.Event) { t.verifier = newVerifier() }),
		app.If(!validVerifier(t.verifier), func() app.UI {
			return app.P().ID("pkce-invalid").Class("problems").Role("alert").Text("A verifier has 43 to 128 characters from A–Z, a–z, 0–9, '-', '.', '_' and '~' (RFC 7636 §4.1).")
		}),
		app.P().Body(app.Text("code_challenge = BASE64URL(SHA-256(code_verifier)): "), app.Code().ID("pkce-challenge").Text(challenge)),
		app.P().Class("hint").Text("The authorization request carries only the challenge; the token request later sends the verifier, which the server hashes and compares. An attacker who intercepts the code lacks the verifier."),
		app.Pre().ID("pkce-request").Class("http-req").Text("GET /oauth/authorize?"+q.Encode()),
	)
}
