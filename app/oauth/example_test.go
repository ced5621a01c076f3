package oauth_test

import (
	"fmt"

	"github.com/authlab/authlab/app/oauth"
)

// A public client redeems its code with the PKCE verifier and no secret.
func ExampleClient_ExchangeCode() {
	c := oauth.Client{ID: "authlab-web"}
	r, _ := c.ExchangeCode("https://authlab.example/oauth/token", "c0de", "https://authlab.example/oauth/callback",
		"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
	fmt.Print(r.Dump())
	// Output:
	// POST /oauth/token HTTP/1.1
	// Host: authlab.example
	// Content-Type: application/x-www-form-urlencoded
	// Accept: application/json
	// Content-Length: 181
	//
	// grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fauthlab.example%2Foauth%2Fcallback&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=authlab-web
}

// Client credentials are form-urlencoded before Basic encoding (RFC 6749
// §2.3.1).
func ExampleTraceBasic() {
	tr := oauth.TraceBasic("my:app", "p@ss word")
	fmt.Println(tr.Joined)
	fmt.Println(tr.Header)
	// Output:
	// my%3Aapp:p%40ss+word
	// Basic bXklM0FhcHA6cCU0MHNzK3dvcmQ=
}

// The verifier and challenge of RFC 7636 Appendix B.
func ExampleTracePKCE() {
	tr := oauth.TracePKCE([]byte{116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
		22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121})
	fmt.Println(tr.Verifier)
	fmt.Println(tr.Challenge)
	// Output:
	// dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk
	// E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM
}
