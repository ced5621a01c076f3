// Package httpmsg holds the HTTP request and response as the pages build,
// send, show and repeat them: fields kept in the order they are written, so
// that a message is shown exactly as it went over the wire (RFC 9112 §3).
// app/oauth builds these requests, app/snippet writes them as client code,
// and the pages send them with the browser's fetch.
package httpmsg

import (
	"net/url"
	"strconv"
	"strings"
)

// Field is one header field (RFC 9110 §5) or form or query parameter.
type Field struct {
	Name, Value string
}

// Lookup returns the value of the first field with the name, ignoring
// case, or "".
func Lookup(fields []Field, name string) string {
	for _, f := range fields {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Request is an HTTP request as a client sends it.
type Request struct {
	// Method is GET when empty.
	Method string
	// URL is absolute, with the query if there is one.
	URL    string
	Header []Field
	// Body is sent as is.
	Body string
	// Login, when set, is a request sent first by the same client. Its
	// response sets the session cookie named Cookie, which this request
	// carries (RFC 6265 §5.4).
	Login  *Request
	Cookie string
}

// MethodOrGet returns the method, GET when it is empty.
func (r *Request) MethodOrGet() string {
	if r.Method == "" {
		return "GET"
	}
	return r.Method
}

// Get returns the first value of a header field, ignoring case.
func (r *Request) Get(name string) string { return Lookup(r.Header, name) }

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
	b.WriteString(r.MethodOrGet() + " " + target + " HTTP/1.1\r\n")
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

// Response is what the Fetch standard lets a page read of an answer: never
// Set-Cookie, and on another origin only the headers the server exposes
// (CORS).
type Response struct {
	Status     int
	StatusText string
	// Header has lower-case names, as fetch's Headers gives them.
	Header []Field
	// URL is the final URL, after any redirect fetch followed.
	URL        string
	Redirected bool
	Body       string
}

// Get returns the first value of a response header field, ignoring case.
func (r *Response) Get(name string) string { return Lookup(r.Header, name) }
