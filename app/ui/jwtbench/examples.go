package jwtbench

import (
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// exampleSecret signs the HS256 example. It is public, so it is only
// good for the example.
const exampleSecret = "Zx8v2Qm9LkP4rT7wN1cB6yH3sD0fJ5gA-authlab-example"

// exampleClaims is a claims set that is valid for an hour from now.
func exampleClaims(now time.Time) string {
	n := now.Unix()
	return `{"iss":"https://authlab.example","sub":"user-42","aud":"authlab-demo","name":"Ada Lovelace","iat":` +
		strconv.FormatInt(n-60, 10) + `,"exp":` + strconv.FormatInt(n+3600, 10) + `}`
}

// onExample loads an example token and the key that verifies it.
func (p *page) onExample(kind string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		claims := []byte(exampleClaims(time.Now()))
		switch kind {
		case "HS256":
			k := &keys.Key{Public: []byte(exampleSecret), Private: []byte(exampleSecret)}
			tok, _ := jot.SignJSON([]byte(`{"alg":"HS256","typ":"JWT"}`), claims, k)
			p.setToken(tok)
			p.setKey(exampleSecret, jot.SecretUTF8)
		case "ES256":
			k, err := keys.GenerateFor("ES256", rand.Reader)
			if err != nil {
				return
			}
			tok, _ := jot.SignJSON([]byte(`{"alg":"ES256","typ":"JWT","kid":"`+k.Kid+`"}`), claims, k)
			p.setToken(tok)
			pub, _ := keys.MarshalJWK(k, false)
			p.setKey(string(pub), p.enc)
		default:
			e := base64.RawURLEncoding
			p.setToken(e.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." +
				e.EncodeToString([]byte(`{"sub":"user-42","role":"admin"}`)) + ".")
		}
		p.edited()
		p.refresh()
	}
}
