package ui

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/authlab/authlab/app/basic"
)

// pasted is what readPasted found in pasted text.
type pasted struct {
	Creds *basic.Credentials
	// From says where the credentials were found.
	From string
}

var (
	errNothingPasted = errors.New("nothing to decode")
	errNotBasic      = errors.New("these are not Basic credentials")
)

// readPasted finds Basic credentials in pasted text: a bare token68,
// "Basic <token68>", a whole "Authorization:" line, a curl command with
// -u/--user or an Authorization header, or a URL with user:password@.
// The decoding is RFC 7617's, by app/basic.
func readPasted(text string) (*pasted, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, errNothingPasted
	}
	if strings.HasPrefix(text, "curl ") || strings.HasPrefix(text, "curl\t") {
		return readCurl(text)
	}
	if u, err := url.Parse(text); err == nil && u.User != nil && u.Host != "" {
		return fromUserinfo(u.User, "the URL's user:password@ part")
	}
	name, value, found := strings.Cut(text, ":")
	if found && strings.EqualFold(strings.TrimSpace(name), "Authorization") {
		return readHeaderValue(strings.TrimSpace(value), "the Authorization header")
	}
	if !strings.ContainsAny(text, " \t") {
		c, err := basic.Decode(text)
		if err != nil {
			return nil, err
		}
		return &pasted{Creds: c, From: "a bare base64 token"}, nil
	}
	return readHeaderValue(text, "the header value")
}

func readHeaderValue(value, from string) (*pasted, error) {
	a, err := basic.ParseAuthorization(value)
	if err != nil {
		return nil, err
	}
	if !a.IsBasic() {
		return nil, fmt.Errorf("%w: the scheme is %s", errNotBasic, a.Scheme)
	}
	c, err := a.Basic()
	if err != nil {
		return nil, err
	}
	return &pasted{Creds: c, From: from}, nil
}

// fromUserinfo reads credentials that a client would encode itself, and
// checks them by encoding and decoding them as it would.
func fromUserinfo(u *url.Userinfo, from string) (*pasted, error) {
	pass, _ := u.Password()
	token, err := basic.Encode(u.Username(), pass)
	if err != nil {
		return nil, err
	}
	c, err := basic.Decode(token)
	if err != nil {
		return nil, err
	}
	return &pasted{Creds: c, From: from}, nil
}

// readCurl reads curl's -u/--user and -H/--header options.
func readCurl(cmd string) (*pasted, error) {
	args, err := shellWords(cmd)
	if err != nil {
		return nil, err
	}
	for i := 1; i < len(args); i++ {
		a := args[i]
		next := func() string {
			if i+1 < len(args) {
				i++
				return args[i]
			}
			return ""
		}
		switch {
		case a == "-u" || a == "--user":
			return curlUser(next())
		case strings.HasPrefix(a, "--user="):
			return curlUser(strings.TrimPrefix(a, "--user="))
		case strings.HasPrefix(a, "-u") && len(a) > 2:
			return curlUser(a[2:])
		case a == "-H" || a == "--header":
			if p, err := curlHeader(next()); p != nil || err != nil {
				return p, err
			}
		case strings.HasPrefix(a, "-H") && len(a) > 2:
			if p, err := curlHeader(a[2:]); p != nil || err != nil {
				return p, err
			}
		}
	}
	for _, a := range args[1:] {
		if u, err := url.Parse(a); err == nil && u.User != nil && u.Host != "" {
			return fromUserinfo(u.User, "the URL in the curl command")
		}
	}
	return nil, errors.New("the curl command has no -u/--user and no Authorization header")
}

func curlUser(v string) (*pasted, error) {
	user, pass, found := strings.Cut(v, ":")
	if !found {
		return nil, errors.New("curl's -u has no colon: curl would prompt for the password")
	}
	return fromUserinfo(url.UserPassword(user, pass), "curl's -u option")
}

func curlHeader(h string) (*pasted, error) {
	name, value, found := strings.Cut(h, ":")
	if !found || !strings.EqualFold(strings.TrimSpace(name), "Authorization") {
		return nil, nil
	}
	return readHeaderValue(strings.TrimSpace(value), "the curl command's Authorization header")
}

// shellWords splits a command line the way a POSIX shell does for quotes
// and backslashes, which is all a pasted curl command needs.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == '\n':
			i++
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("unclosed single quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, errors.New("unclosed double quote")
			}
			inWord = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}
