package basic_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/authlab/authlab/app/basic"
)

// isOneOf reports whether err wraps one of sentinels.
func isOneOf(err error, sentinels ...error) bool {
	return slices.ContainsFunc(sentinels, func(s error) bool { return errors.Is(err, s) })
}

// isCTL reports whether r is a control character of RFC 5234 Appendix
// B.1, which RFC 7617 §2 forbids in a user-id or password.
func isCTL(r rune) bool { return r < 0x20 || r == 0x7f }

// FuzzDecode: a token68 comes from an untrusted header. Decode never
// panics and fails only with its sentinels; what it accepts is exactly
// what Encode writes for the credentials found, so no two token68s give
// the same credentials, and a warning comes with every control character.
func FuzzDecode(f *testing.F) {
	for _, c := range decodeCases {
		f.Add(c.token)
	}
	f.Fuzz(func(t *testing.T, token string) {
		c, err := basic.Decode(token)
		if err != nil {
			if c != nil || !isOneOf(err, basic.ErrTooLong, basic.ErrBase64, basic.ErrUTF8, basic.ErrNoColon) {
				t.Fatalf("Decode(%q) = %+v, %v", token, c, err)
			}
			return
		}
		if strings.Contains(c.User, ":") {
			t.Fatalf("Decode(%q): user-id %q has a colon", token, c.User)
		}
		if again, err := basic.Encode(c.User, c.Password); err != nil || again != token {
			t.Fatalf("Decode(%q) = %q, %q, which Encode writes as %q (%v)", token, c.User, c.Password, again, err)
		}
		ctl := strings.ContainsFunc(c.User+c.Password, isCTL)
		if ctl != (len(c.Warnings) > 0) {
			t.Fatalf("Decode(%q) = %q, %q with warnings %v", token, c.User, c.Password, c.Warnings)
		}
		for _, w := range c.Warnings {
			if !errors.Is(w, basic.ErrControlChar) {
				t.Fatalf("warning %v is not ErrControlChar", w)
			}
		}
	})
}

// FuzzEncode: Encode refuses exactly a user-id with a colon and text that
// is not UTF-8, and whatever it writes, Decode and the Authorization
// header it goes in read back as the same credentials, up to
// MaxCredentialSize.
func FuzzEncode(f *testing.F) {
	f.Add("Aladdin", "open sesame")
	f.Add("test", "123\u00a3")
	f.Add("a:b", "c")
	f.Add("", "")
	f.Add("a", "b:c\t\x00")
	f.Add("\xff", "")
	f.Fuzz(func(t *testing.T, user, pass string) {
		token, err := basic.Encode(user, pass)
		switch {
		case strings.Contains(user, ":"):
			if !errors.Is(err, basic.ErrColonInUser) {
				t.Fatalf("Encode(%q, %q) = %q, %v; want ErrColonInUser", user, pass, token, err)
			}
			return
		case !utf8.ValidString(user) || !utf8.ValidString(pass):
			if !errors.Is(err, basic.ErrUTF8) {
				t.Fatalf("Encode(%q, %q) = %q, %v; want ErrUTF8", user, pass, token, err)
			}
			return
		case err != nil:
			t.Fatalf("Encode(%q, %q): %v", user, pass, err)
		}
		c, err := basic.Decode(token)
		if len(token) > basic.MaxCredentialSize {
			if !errors.Is(err, basic.ErrTooLong) {
				t.Fatalf("Decode of %d characters: %v", len(token), err)
			}
			return
		}
		if err != nil || c.User != user || c.Password != pass {
			t.Fatalf("Decode(Encode(%q, %q)) = %+v, %v", user, pass, c, err)
		}
		if len(token)+len("Basic ") > basic.MaxCredentialSize {
			return
		}
		h, _ := basic.Header(user, pass)
		a, err := basic.ParseAuthorization(h)
		if err != nil {
			t.Fatalf("ParseAuthorization(%q): %v", h, err)
		}
		if c, err := a.Basic(); err != nil || c.User != user || c.Password != pass {
			t.Fatalf("Header(%q, %q) = %q, read back as %+v, %v", user, pass, h, c, err)
		}
	})
}

// FuzzParseAuthorization: an Authorization header value is untrusted.
// ParseAuthorization never panics and fails only with its sentinels; what
// it accepts, written back as a header value, parses to the same; and
// Basic refuses any other scheme, and else decodes the token68 as Decode
// does.
func FuzzParseAuthorization(f *testing.F) {
	for _, c := range parseCases {
		f.Add(c.value)
	}
	f.Fuzz(func(t *testing.T, value string) {
		a, err := basic.ParseAuthorization(value)
		if err != nil {
			if a != nil || !isOneOf(err, basic.ErrTooLong, basic.ErrNoScheme, basic.ErrSyntax) {
				t.Fatalf("ParseAuthorization(%q) = %+v, %v", value, a, err)
			}
			return
		}
		if a.Token68 != "" && len(a.Params) > 0 {
			t.Fatalf("ParseAuthorization(%q) has both a token68 and params: %+v", value, a)
		}
		written := writeAuthorization(a)
		again, err := basic.ParseAuthorization(written)
		if err != nil || again.Scheme != a.Scheme || again.Token68 != a.Token68 || !maps.Equal(again.Params, a.Params) {
			t.Fatalf("ParseAuthorization(%q) = %+v, written %q, which parses to %+v, %v", value, a, written, again, err)
		}
		c, err := a.Basic()
		switch {
		case !a.IsBasic():
			if !errors.Is(err, basic.ErrScheme) {
				t.Fatalf("Basic() of scheme %q: %+v, %v", a.Scheme, c, err)
			}
		case a.Token68 == "":
			if !errors.Is(err, basic.ErrSyntax) {
				t.Fatalf("Basic() without a token68: %+v, %v", c, err)
			}
		default:
			want, wantErr := basic.Decode(a.Token68)
			if (err == nil) != (wantErr == nil) || err != nil && err.Error() != wantErr.Error() ||
				err == nil && (c.User != want.User || c.Password != want.Password) {
				t.Fatalf("Basic() = %+v, %v; Decode(%q) = %+v, %v", c, err, a.Token68, want, wantErr)
			}
		}
	})
}

// writeAuthorization writes a as a header value, as short as the value it
// was parsed from or shorter: params are unquoted tokens where they can
// be, else quoted with only '"' and '\' escaped.
func writeAuthorization(a *basic.Authorization) string {
	if a.Token68 != "" {
		return a.Scheme + " " + a.Token68
	}
	var params []string
	for _, name := range slices.Sorted(maps.Keys(a.Params)) {
		v := a.Params[name]
		if v == "" || strings.ContainsFunc(v, func(r rune) bool { return !isTchar(r) }) {
			v = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
		}
		params = append(params, name+"="+v)
	}
	if len(params) == 0 {
		return a.Scheme
	}
	return a.Scheme + " " + strings.Join(params, ",")
}

// isTchar reports whether r may appear in an RFC 9110 §5.6.2 token.
func isTchar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", r)
}
