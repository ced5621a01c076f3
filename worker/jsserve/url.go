package jsserve

import (
	"net/url"
	"strings"
)

// requestURL parses the URL of a request as the runtime hands it over,
// serialized by the WHATWG URL Standard (§4.5): an absolute http or https
// URL. Most have a plain shape, which plainURL splits without the
// allocations and checks of url.Parse; every other URL goes to url.Parse.
// Both give the same *url.URL for a URL of the plain shape
// (FuzzRequestURL), so handlers cannot tell the two apart.
func requestURL(raw string) (*url.URL, error) {
	if u := plainURL(raw); u != nil {
		return u, nil
	}
	return url.Parse(raw)
}

// plainURL splits raw into scheme, host, path and query when it has the
// shape "http[s]://host[:port]/path[?query]" (RFC 3986 §3), where
//   - host is lower-case letters, digits, dots and hyphens, and the port
//     digits;
//   - the path holds only characters that need no escaping in a path
//     (§2.3 unreserved, and the §2.2 sub-delimiters that url.URL leaves
//     as they are), so that Path is the path as sent and RawPath is empty;
//   - no byte is a control character, and there is no fragment.
//
// For anything else it returns nil.
func plainURL(raw string) *url.URL {
	var scheme string
	switch {
	case strings.HasPrefix(raw, "https://"):
		scheme = "https"
	case strings.HasPrefix(raw, "http://"):
		scheme = "http"
	default:
		return nil
	}
	rest := raw[len(scheme)+len("://"):]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 || !plainHost(rest[:slash]) {
		return nil
	}
	host, target := rest[:slash], rest[slash:]
	path, query, hasQuery := strings.Cut(target, "?")
	for i := 0; i < len(path); i++ {
		if !pathByte(path[i]) {
			return nil
		}
	}
	for i := 0; i < len(query); i++ {
		if c := query[i]; c < ' ' || c == 0x7f || c == '#' {
			return nil
		}
	}
	return &url.URL{Scheme: scheme, Host: host, Path: path, RawQuery: query, ForceQuery: hasQuery && query == ""}
}

// plainHost reports whether host is a registered name of lower-case
// letters, digits, dots and hyphens, optionally followed by ":" and a port
// of digits (RFC 3986 §3.2.2, §3.2.3).
func plainHost(host string) bool {
	name, port, hasPort := strings.Cut(host, ":")
	if name == "" || hasPort && port == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			return false
		}
	}
	for i := 0; i < len(port); i++ {
		if c := port[i]; c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// pathByte reports whether c stands for itself in a path: an unreserved
// character (RFC 3986 §2.3) or one of the reserved characters that a path
// may hold unescaped and url.URL does not escape again (§3.3).
func pathByte(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	switch c {
	case '-', '.', '_', '~', '$', '&', '+', ',', '/', ':', ';', '=', '@':
		return true
	}
	return false
}
