package discovery_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/authlab/authlab/app/discovery"
)

func ExampleDiscover() {
	// The page passes the browser's fetch; here a map stands in for the web.
	web := map[string]string{
		"https://issuer.example/.well-known/openid-configuration": `{"issuer":"https://issuer.example","jwks_uri":"https://issuer.example/keys"}`,
		"https://issuer.example/keys": `{"keys":[{"kty":"EC","crv":"P-256","kid":"2026-06","use":"sig","alg":"ES256",` +
			`"x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"}]}`,
	}
	fetch := func(_ context.Context, url string) (int, http.Header, []byte, error) {
		if body, ok := web[url]; ok {
			return 200, nil, []byte(body), nil
		}
		return 404, nil, nil, nil
	}
	r, err := discovery.Discover(context.Background(), fetch, "https://issuer.example", "2026-06")
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Key.Kid, r.Key.Kty, r.Key.Alg, r.Key.Source)
	fmt.Println(r.Curl)
	// Output:
	// 2026-06 EC ES256 https://issuer.example/keys
	// curl --fail --silent --show-error --location --max-redirs 3 --max-filesize 1048576 --proto =https --proto-redir =https -H 'Accept: application/json' 'https://issuer.example/keys'
}
