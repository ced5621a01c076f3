package ui

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/basic"
)

func TestReadPasted(t *testing.T) {
	for _, tc := range []struct {
		name, in, user, pass string
		err                  error
	}{
		{"bare token", "asO8cmdlbjpwYTpzcw==", "jürgen", "pa:ss", nil},
		{"header value", "Basic asO8cmdlbjpwYTpzcw==", "jürgen", "pa:ss", nil},
		{"scheme case", "bAsIc YTpi", "a", "b", nil},
		{"header line", "Authorization: Basic YTpi", "a", "b", nil},
		{"curl -u", `curl -u 'ada:pa ss' https://x.example/`, "ada", "pa ss", nil},
		{"curl --user=", `curl --user="ada:p\"w" https://x.example/`, "ada", `p"w`, nil},
		{"curl -H", "curl https://x.example/ \\\n  -H 'Authorization: Basic YTpi'", "a", "b", nil},
		{"curl url", "curl https://ada:pw@x.example/", "ada", "pw", nil},
		{"url", "https://ada:p%40ss@x.example/", "ada", "p@ss", nil},
		{"bearer", "Authorization: Bearer abc", "", "", errNotBasic},
		{"no colon", "YWRh", "", "", basic.ErrNoColon},
		{"base64url", "YT-_", "", "", basic.ErrBase64},
		{"empty", "  ", "", "", errNothingPasted},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := readPasted(tc.in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Creds.User != tc.user || p.Creds.Password != tc.pass {
				t.Fatalf("got %q %q", p.Creds.User, p.Creds.Password)
			}
		})
	}
}

func TestReadPastedFlagsControlCharacters(t *testing.T) {
	p, err := readPasted("Basic YTpiCWM=") // "a:b\tc"
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Creds.Warnings) == 0 || !errors.Is(p.Creds.Warnings[0], basic.ErrControlChar) {
		t.Fatalf("warnings = %v", p.Creds.Warnings)
	}
}
