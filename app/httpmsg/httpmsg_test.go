package httpmsg

import "testing"

func TestLookupAndMethod(t *testing.T) {
	r := &Request{URL: "https://as.example/token?x=1", Header: []Field{{Name: "Accept", Value: "a"}, {Name: "accept", Value: "b"}}}
	if got := r.Get("ACCEPT"); got != "a" {
		t.Errorf("Get = %q, want the first field, a", got)
	}
	if got := r.MethodOrGet(); got != "GET" {
		t.Errorf("MethodOrGet = %q", got)
	}
	if got := r.Dump(); got != "GET /token?x=1 HTTP/1.1\nHost: as.example\nAccept: a\naccept: b\n\n" {
		t.Errorf("Dump = %q", got)
	}
	res := &Response{Header: []Field{{Name: "www-authenticate", Value: "Bearer"}}}
	if res.Get("WWW-Authenticate") != "Bearer" || res.Get("Location") != "" {
		t.Errorf("Response.Get reads %+v wrongly", res.Header)
	}
}
