package basic_test

import (
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/basic"
)

// b64 is the standard base64 of RFC 4648 §4 that Basic uses.
func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// TestEncode checks Encode and Header against RFC 7617's examples, and
// that a user-id with a colon or credentials that are not UTF-8 are
// refused.
func TestEncode(t *testing.T) {
	for _, tt := range []struct {
		name, user, pass, want string
		err                    error
	}{
		{"RFC 7617 §2", "Aladdin", "open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==", nil},
		{"RFC 7617 §2.1, UTF-8", "test", "123\u00a3", "dGVzdDoxMjPCow==", nil},
		{"colon in the password", "a", "b:c", b64("a:b:c"), nil},
		{"empty user-id", "", "pw", b64(":pw"), nil},
		{"empty password", "ada", "", b64("ada:"), nil},
		{"both empty", "", "", b64(":"), nil},
		{"control character", "a", "b\tc", b64("a:b\tc"), nil},
		{"colon in the user-id", "a:b", "c", "", basic.ErrColonInUser},
		{"only a colon as user-id", ":", "", "", basic.ErrColonInUser},
		{"user-id not UTF-8", "\xff", "c", "", basic.ErrUTF8},
		{"password not UTF-8", "a", "\xc3\x28", "", basic.ErrUTF8},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := basic.Encode(tt.user, tt.pass)
			if !errors.Is(err, tt.err) || got != tt.want {
				t.Fatalf("Encode(%q, %q) = %q, %v; want %q, %v", tt.user, tt.pass, got, err, tt.want, tt.err)
			}
			h, err := basic.Header(tt.user, tt.pass)
			want := ""
			if tt.want != "" {
				want = "Basic " + tt.want
			}
			if !errors.Is(err, tt.err) || h != want {
				t.Fatalf("Header(%q, %q) = %q, %v; want %q, %v", tt.user, tt.pass, h, err, want, tt.err)
			}
		})
	}
}

// long is a token68 of MaxCredentialSize characters.
var long = b64(strings.Repeat("a", 3070) + ":")

// decodeCases are token68s and what Decode makes of them.
var decodeCases = []struct {
	name, token, user, pass string
	warn                    bool
	err                     error
}{
	{"RFC 7617 §2", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame", false, nil},
	{"RFC 7617 §2.1, UTF-8", "dGVzdDoxMjPCow==", "test", "123\u00a3", false, nil},
	{"first colon splits", b64("a:b:c"), "a", "b:c", false, nil},
	{"empty user-id", b64(":pw"), "", "pw", false, nil},
	{"empty password", b64("ada:"), "ada", "", false, nil},
	{"both empty", b64(":"), "", "", false, nil},
	{"spaces kept", b64(" a : b "), " a ", " b ", false, nil},
	{"one padding character", b64("ab:cd"), "ab", "cd", false, nil},
	{"no padding needed", b64("ab:"), "ab", "", false, nil},
	{"at the size limit", long, strings.Repeat("a", 3070), "", false, nil},
	{"tab", b64("a:b\tc"), "a", "b\tc", true, nil},
	{"NUL", b64("a\x00:b"), "a\x00", "b", true, nil},
	{"DEL", b64("a:\x7f"), "a", "\x7f", true, nil},
	{"C1 control is not C0", b64("a:\u0085"), "a", "\u0085", false, nil},
	{"empty", "", "", "", false, basic.ErrNoColon},
	{"no colon", b64("ada"), "", "", false, basic.ErrNoColon},
	{"padding missing", "YTpiYw", "", "", false, basic.ErrBase64},
	{"padding doubled", "YTpi==", "", "", false, basic.ErrBase64},
	{"padding inside", "YQ==OmI=", "", "", false, basic.ErrBase64},
	{"trailing bits", "YTpiYx==", "", "", false, basic.ErrBase64},
	{"base64url alphabet", "YT-_", "", "", false, basic.ErrBase64},
	{"not base64", "not base64!", "", "", false, basic.ErrBase64},
	{"space inside", "YTpi YWI=", "", "", false, basic.ErrBase64},
	{"line break inside", "YTpi\r\nYWI=", "", "", false, basic.ErrBase64},
	{"line feed at the end", "YTpiYWI=\n", "", "", false, basic.ErrBase64},
	{"scheme included", "Basic YTpi", "", "", false, basic.ErrBase64},
	{"not UTF-8", b64("a:\xff"), "", "", false, basic.ErrUTF8},
	{"Latin-1, not UTF-8", b64("test:123\xa3"), "", "", false, basic.ErrUTF8},
	{"over the size limit", long + "AAAA", "", "", false, basic.ErrTooLong},
}

// TestDecode checks that Decode reads strict standard base64 of UTF-8
// user-id:password, splits at the first colon, reports control characters
// as warnings, and refuses everything else with one of its sentinels.
func TestDecode(t *testing.T) {
	for _, tt := range decodeCases {
		t.Run(tt.name, func(t *testing.T) {
			c, err := basic.Decode(tt.token)
			if tt.err != nil {
				if !errors.Is(err, tt.err) || c != nil {
					t.Fatalf("Decode(%q) = %+v, %v; want %v", tt.token, c, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Decode(%q): %v", tt.token, err)
			}
			if c.User != tt.user || c.Password != tt.pass {
				t.Fatalf("Decode(%q) = %q, %q; want %q, %q", tt.token, c.User, c.Password, tt.user, tt.pass)
			}
			if (len(c.Warnings) > 0) != tt.warn {
				t.Fatalf("Decode(%q) warnings %v, want some: %v", tt.token, c.Warnings, tt.warn)
			}
			for _, w := range c.Warnings {
				if !errors.Is(w, basic.ErrControlChar) {
					t.Errorf("warning %v is not ErrControlChar", w)
				}
			}
		})
	}
}

// parsed is an Authorization's scheme, token68 and auth-params.
type parsed struct {
	scheme, token68 string
	params          map[string]string
}

// parseCases are Authorization header values and what ParseAuthorization
// makes of them.
var parseCases = []struct {
	name, value string
	want        parsed
	err         error
}{
	{"Basic", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", parsed{"Basic", "QWxhZGRpbjpvcGVuIHNlc2FtZQ==", nil}, nil},
	{"scheme in any case", "bAsIc YTpi", parsed{"bAsIc", "YTpi", nil}, nil},
	{"spaces around", "  Basic YTpi \t", parsed{"Basic", "YTpi", nil}, nil},
	{"several spaces after the scheme", "Basic    YTpi", parsed{"Basic", "YTpi", nil}, nil},
	{"scheme alone", "Basic", parsed{"Basic", "", nil}, nil},
	{"scheme and spaces", "Basic   ", parsed{"Basic", "", nil}, nil},
	{"token68 characters", "Bearer a-b.c_d~e+f/g==", parsed{"Bearer", "a-b.c_d~e+f/g==", nil}, nil},
	{"token scheme characters", "X-My!#$%&'*+.^_`|~ abc", parsed{"X-My!#$%&'*+.^_`|~", "abc", nil}, nil},
	{"auth-params", `Digest username="Mufasa", realm="http-auth@example.org", nc=00000001`,
		parsed{"Digest", "", map[string]string{"username": "Mufasa", "realm": "http-auth@example.org", "nc": "00000001"}}, nil},
	{"param names in any case", `Digest Realm="r", NC=1`, parsed{"Digest", "", map[string]string{"realm": "r", "nc": "1"}}, nil},
	{"quoted-pair", `X a="q\"uo\\te", b="a,b c"`, parsed{"X", "", map[string]string{"a": `q"uo\te`, "b": "a,b c"}}, nil},
	{"spaces around =", `X a = "1" , b= 2`, parsed{"X", "", map[string]string{"a": "1", "b": "2"}}, nil},
	{"empty list elements", `X ,a=1,,b=2,`, parsed{"X", "", map[string]string{"a": "1", "b": "2"}}, nil},
	{"empty quoted value", `X a=""`, parsed{"X", "", map[string]string{"a": ""}}, nil},
	{"empty", "", parsed{}, basic.ErrNoScheme},
	{"spaces only", " \t ", parsed{}, basic.ErrNoScheme},
	{"a token alone is a scheme", " YTpi", parsed{"YTpi", "", nil}, nil},
	{"tab after the scheme", "Basic\tYTpi", parsed{}, basic.ErrNoScheme},
	{"colon in the scheme", "Authorization: Basic YTpi", parsed{}, basic.ErrNoScheme},
	{"non-ASCII scheme", "Bäsic YTpi", parsed{}, basic.ErrNoScheme},
	{"two token68", "Basic YTpi YTpi", parsed{}, basic.ErrSyntax},
	{"two schemes", "Basic YTpi, Bearer abc", parsed{}, basic.ErrSyntax},
	{"two schemes with params", "Digest a=1, Bearer b=2", parsed{}, basic.ErrSyntax},
	{"padding inside token68", "Basic YQ==OmI=", parsed{}, basic.ErrSyntax},
	{"one = is a token68, not a param", "X a=", parsed{"X", "a=", nil}, nil},
	{"param without value", "X a=, b=1", parsed{}, basic.ErrSyntax},
	{"param without name", "X =1", parsed{}, basic.ErrSyntax},
	{"param value not a token", "X a=b@c", parsed{}, basic.ErrSyntax},
	{"unterminated quoted string", `X a="b`, parsed{}, basic.ErrSyntax},
	{"backslash ends the quoted string", `X a="b\`, parsed{}, basic.ErrSyntax},
	{"text after a quoted string", `X a="b"c`, parsed{}, basic.ErrSyntax},
	{"no comma between params", "X a=1 b=2", parsed{}, basic.ErrSyntax},
	{"param twice", "X a=1, A=2", parsed{}, basic.ErrSyntax},
	{"bad param name", "X a b=1", parsed{}, basic.ErrSyntax},
	{"over the size limit", "Basic " + strings.Repeat("A", basic.MaxCredentialSize), parsed{}, basic.ErrTooLong},
}

// TestParseAuthorization checks the split of an Authorization header value
// into a scheme and a token68 or auth-params (RFC 7235 §2.1).
func TestParseAuthorization(t *testing.T) {
	for _, tt := range parseCases {
		t.Run(tt.name, func(t *testing.T) {
			a, err := basic.ParseAuthorization(tt.value)
			if tt.err != nil {
				if !errors.Is(err, tt.err) || a != nil {
					t.Fatalf("ParseAuthorization(%q) = %+v, %v; want %v", tt.value, a, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseAuthorization(%q): %v", tt.value, err)
			}
			if a.Scheme != tt.want.scheme || a.Token68 != tt.want.token68 || !reflect.DeepEqual(a.Params, tt.want.params) {
				t.Fatalf("ParseAuthorization(%q) = %q %q %v; want %q %q %v", tt.value, a.Scheme, a.Token68, a.Params,
					tt.want.scheme, tt.want.token68, tt.want.params)
			}
		})
	}
}

// TestAuthorizationBasic checks that Basic accepts the scheme in any case
// and decodes its one token68, and refuses other schemes and other forms.
func TestAuthorizationBasic(t *testing.T) {
	for _, tt := range []struct {
		name, value, user, pass string
		err                     error
	}{
		{"Basic", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", "Aladdin", "open sesame", nil},
		{"lower case", "basic YTpi", "a", "b", nil},
		{"upper case", "BASIC YTpi", "a", "b", nil},
		{"another scheme", "Bearer YTpi", "", "", basic.ErrScheme},
		{"a longer scheme", "Basically YTpi", "", "", basic.ErrScheme},
		{"no credentials", "Basic", "", "", basic.ErrSyntax},
		{"auth-params", `Basic user="a", password="b"`, "", "", basic.ErrSyntax},
		{"base64url", "Basic YT-_", "", "", basic.ErrBase64},
		{"no colon", "Basic " + b64("ada"), "", "", basic.ErrNoColon},
		{"not UTF-8", "Basic " + b64("a:\xff"), "", "", basic.ErrUTF8},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := basic.ParseAuthorization(tt.value)
			if err != nil {
				t.Fatalf("ParseAuthorization(%q): %v", tt.value, err)
			}
			if a.IsBasic() != !errors.Is(tt.err, basic.ErrScheme) {
				t.Errorf("IsBasic() = %v for scheme %q", a.IsBasic(), a.Scheme)
			}
			c, err := a.Basic()
			if tt.err != nil {
				if !errors.Is(err, tt.err) || c != nil {
					t.Fatalf("Basic() = %+v, %v; want %v", c, err, tt.err)
				}
				return
			}
			if err != nil || c.User != tt.user || c.Password != tt.pass {
				t.Fatalf("Basic() = %+v, %v; want %q, %q", c, err, tt.user, tt.pass)
			}
		})
	}
}

// TestChallenge checks the WWW-Authenticate value of RFC 7617 §2.1, with
// the realm's quotes and backslashes escaped so that it parses back.
func TestChallenge(t *testing.T) {
	for _, realm := range []string{"WallyWorld", "", `a "quoted" realm`, `back\slash`, `\"`, "ünïcode, with commas"} {
		got := basic.Challenge(realm)
		a, err := basic.ParseAuthorization(got)
		if err != nil {
			t.Fatalf("Challenge(%q) = %q, which does not parse: %v", realm, got, err)
		}
		want := map[string]string{"realm": realm, "charset": "UTF-8"}
		if !a.IsBasic() || !reflect.DeepEqual(a.Params, want) {
			t.Errorf("Challenge(%q) = %q, parsed as %q %v", realm, got, a.Scheme, a.Params)
		}
	}
	if got := basic.Challenge("WallyWorld"); got != `Basic realm="WallyWorld", charset="UTF-8"` {
		t.Errorf("Challenge = %q, want RFC 7617 §2.1's example", got)
	}
}
