// Package snippet writes client code that repeats an HTTP request exactly as
// it was sent: a curl command, Python with requests, Go with net/http and
// JavaScript with fetch. Each program prints the status line, the response
// headers and the body, so that its output can be compared with what the
// page showed.
package snippet

import (
	"net/url"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// Language is one snippet generator.
type Language struct {
	ID, Name string
	Write    func(*httpmsg.Request) string
}

// Languages lists the generators in the order the pages show them.
func Languages() []Language {
	return []Language{
		{"curl", "curl", Curl},
		{"python", "Python requests", Python},
		{"go", "Go net/http", Go},
		{"js", "JavaScript fetch", JavaScript},
	}
}

// method returns the request method, GET when empty.
func method(r *httpmsg.Request) string { return strings.ToUpper(r.MethodOrGet()) }

// contentType returns the media type of the body, without parameters.
func contentType(r *httpmsg.Request) string {
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, "Content-Type") {
			mt, _, _ := strings.Cut(h.Value, ";")
			return strings.ToLower(strings.TrimSpace(mt))
		}
	}
	return ""
}

// isJSON reports whether the body is sent as application/json.
func isJSON(r *httpmsg.Request) bool { return r.Body != "" && contentType(r) == "application/json" }

// headersExcept returns the headers without the named ones.
func headersExcept(r *httpmsg.Request, names ...string) []httpmsg.Field {
	var out []httpmsg.Field
next:
	for _, h := range r.Header {
		for _, n := range names {
			if strings.EqualFold(h.Name, n) {
				continue next
			}
		}
		out = append(out, h)
	}
	return out
}

// hasCredential reports whether the request, or its login, carries a
// credential: an Authorization or X-API-Key header, an api_key query
// parameter, or a password in the body.
func hasCredential(r *httpmsg.Request) bool {
	if r == nil {
		return false
	}
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, "Authorization") || strings.EqualFold(h.Name, "X-API-Key") {
			return true
		}
	}
	if u, err := url.Parse(r.URL); err == nil && u.Query().Has("api_key") {
		return true
	}
	return strings.Contains(r.Body, `"password"`) || hasCredential(r.Login)
}

// plainHTTP reports whether the URL is http rather than https.
func plainHTTP(r *httpmsg.Request) bool { return strings.HasPrefix(strings.ToLower(r.URL), "http://") }

// credentialNote is the comment that snippets carrying a credential start
// with: the demo inlines it, real code must not.
const credentialNote = "The credential is inline so that this runs as is. In your own code, read it from the environment or a secret store, never from source."
