package keys_test

import (
	"encoding/json"
	"fmt"

	"github.com/authlab/authlab/app/keys"
)

// ExampleThumbprint computes the RFC 7638 §3.1 example thumbprint.
func ExampleThumbprint() {
	const jwk = `{"kty":"RSA",
	 "n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
	 "e":"AQAB","alg":"RS256","kid":"2011-04-29"}`
	var j keys.JWK
	if err := json.Unmarshal([]byte(jwk), &j); err != nil {
		fmt.Println(err)
		return
	}
	tp, err := keys.Thumbprint(&j)
	fmt.Println(tp, err)
	// Output:
	// NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs <nil>
}
