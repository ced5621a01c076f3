//go:build js && wasm

package jsserve

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
)

// newRequest builds the request from the head the glue wrote, "METHOD URL"
// and then one "name: value" line per header, and the body. The handler
// never reaches back into JavaScript for it.
func newRequest(head string, body []byte) (*http.Request, error) {
	line, rest, _ := strings.Cut(head, "\n")
	method, rawURL, ok := strings.Cut(line, " ")
	if !ok || method == "" {
		return nil, errors.New("malformed request line")
	}
	u, err := requestURL(rawURL)
	if err != nil {
		return nil, err
	}
	n := strings.Count(rest, "\n") + 1
	h := make(http.Header, n)
	// One backing array holds every header's first value; a name that
	// repeats appends past its one-element slice into a new array.
	values := make([]string, 0, n)
	for rest != "" {
		line, rest, _ = strings.Cut(rest, "\n")
		if name, value, ok := strings.Cut(line, ": "); ok {
			key, known := canonical[name]
			if !known {
				key = http.CanonicalHeaderKey(name)
			}
			if vs, seen := h[key]; seen {
				h[key] = append(vs, value)
			} else {
				values = append(values, value)
				h[key] = values[len(values)-1 : len(values) : len(values)]
			}
		}
	}
	var remote string
	if vs := h["Cf-Connecting-Ip"]; len(vs) > 0 {
		remote = vs[0]
	}
	req := &http.Request{
		Method:        method,
		URL:           u,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Host:          u.Host,
		RequestURI:    u.RequestURI(),
		RemoteAddr:    remote,
		ContentLength: int64(len(body)),
		Body:          http.NoBody,
	}
	if body != nil {
		req.Body = readCloser{bytes.NewReader(body)}
	}
	return req, nil
}

type readCloser struct{ *bytes.Reader }

func (readCloser) Close() error { return nil }

// canonical maps the header names that the runtime hands over most, in
// lower case as it does, to their canonical form, which
// http.CanonicalHeaderKey would allocate.
var canonical = map[string]string{}

func init() {
	for _, name := range []string{
		"Accept", "Accept-Encoding", "Accept-Language", "Authorization", "Cache-Control", "Cf-Connecting-Ip",
		"Cf-Ipcountry", "Cf-Ray", "Cf-Visitor", "Connection", "Content-Length", "Content-Type", "Cookie", "Host",
		"If-None-Match", "Mf-Original-Url", "Origin", "Referer", "Sec-Fetch-Dest", "Sec-Fetch-Mode",
		"Sec-Fetch-Site", "User-Agent", "X-Api-Key", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-Ip",
	} {
		canonical[strings.ToLower(name)] = name
	}
}
