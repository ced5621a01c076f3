package oauth

import (
	"net/url"
	"strconv"
	"strings"
)

// Field is one header field or form parameter, kept in the order it is
// written so that a request can be shown exactly as it is sent.
type Field struct {
	Name, Value string
}

// Request is an HTTP request built for a client-side OAuth exchange: the
// walkthrough shows it with Dump and sends the same fields.
type Request struct {
	Method string
	URL    string
	Header []Field
	Body   string
}

// Get returns the first value of a header field, ignoring case.
func (r *Request) Get(name string) string {
	for _, f := range r.Header {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Form decodes the request's application/x-www-form-urlencoded body.
func (r *Request) Form() (url.Values, error) { return url.ParseQuery(r.Body) }

// Dump writes the request as an HTTP/1.1 message (RFC 9112 §3): the
// request line with the path and query, Host, the header fields in order,
// Content-Length when there is a body, a blank line and the body.
func (r *Request) Dump() string {
	var b strings.Builder
	target, host := r.URL, ""
	if u, err := url.Parse(r.URL); err == nil && u.Host != "" {
		target, host = u.RequestURI(), u.Host
	}
	b.WriteString(r.Method + " " + target + " HTTP/1.1\r\n")
	if host != "" {
		b.WriteString("Host: " + host + "\r\n")
	}
	for _, f := range r.Header {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	if r.Body != "" {
		b.WriteString("Content-Length: " + strconv.Itoa(len(r.Body)) + "\r\n")
	}
	b.WriteString("\r\n")
	b.WriteString(r.Body)
	return strings.ReplaceAll(b.String(), "\r\n", "\n")
}

// EncodeForm encodes parameters as application/x-www-form-urlencoded
// (RFC 6749 Appendix B) in the order given, leaving out empty values.
func EncodeForm(params ...Field) string {
	var parts []string
	for _, p := range params {
		if p.Value == "" {
			continue
		}
		parts = append(parts, url.QueryEscape(p.Name)+"="+url.QueryEscape(p.Value))
	}
	return strings.Join(parts, "&")
}
