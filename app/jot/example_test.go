package jot_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// The token and key of RFC 7515 Appendix A.1.
const (
	rfcToken = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
		".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
		".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	rfcKey = `{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}`
)

func ExampleInspect() {
	in := jot.Inspect("Authorization: Bearer " + rfcToken)
	fmt.Println("alg:", in.Alg())
	fmt.Println("iss:", in.Payload["iss"])
	fmt.Println("exp:", in.Payload["exp"])
	fmt.Println("problems:", len(in.Errors))

	broken := jot.Inspect("eyJhbGciOiJIUzI1NiJ9.e30=.AA")
	fmt.Println(broken.Err())
	// Output:
	// alg: HS256
	// iss: joe
	// exp: 1300819380
	// problems: 0
	// payload: segment is not valid base64url: character '=' is outside the base64url alphabet (at character 4)
}

func ExampleVerify() {
	key, err := keys.ParseJWK([]byte(rfcKey))
	if err != nil {
		fmt.Println(err)
		return
	}
	set := &keys.Set{}
	set.Add(key)
	// The example expired in 2011: pin the clock to just before.
	before := func() time.Time { return time.Date(2011, 3, 22, 18, 42, 0, 0, time.UTC) }

	tok, err := jot.Verify(rfcToken, jot.KeySet{Set: set}, jot.WithTimeFunc(before), jot.WithIssuer("joe"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(tok.Alg.Name, tok.Claims["iss"], tok.Claims["http://example.com/is_root"])

	_, err = jot.Verify(rfcToken, jot.KeySet{Set: set})
	fmt.Println(err != nil && errors.Is(err, jot.ErrExpired))
	// Output:
	// HS256 joe true
	// true
}
