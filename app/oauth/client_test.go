package oauth_test

import (
	"errors"
	"net/url"
	"testing"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/oauth"
)

func TestTraceBasic(t *testing.T) {
	for _, c := range []struct {
		id, secret     string
		joined, header string
		changed        bool
	}{
		{"authlab-demo", "authlab-demo-secret", "authlab-demo:authlab-demo-secret", "Basic YXV0aGxhYi1kZW1vOmF1dGhsYWItZGVtby1zZWNyZXQ=", false},
		// RFC 6749 §2.3.1: a colon in the id would split wrongly without
		// form-urlencoding; a space becomes '+'.
		{"my:app", "p@ss w%rd", "my%3Aapp:p%40ss+w%25rd", "Basic bXklM0FhcHA6cCU0MHNzK3clMjVyZA==", true},
		{"café", "", "caf%C3%A9:", "Basic Y2FmJUMzJUE5Og==", true},
	} {
		tr := oauth.TraceBasic(c.id, c.secret)
		if tr.Joined != c.joined || tr.Header != c.header || tr.Changed != c.changed {
			t.Errorf("TraceBasic(%q, %q) = %+v", c.id, c.secret, tr)
		}
	}
}

func TestTokenRequests(t *testing.T) {
	const ep = "https://as.example/oauth/token"
	public := oauth.Client{ID: "authlab-web"}
	basic := oauth.Client{ID: "authlab-demo", Secret: "authlab-demo-secret"}
	post := oauth.Client{ID: "c", Secret: "s+/", Method: oauth.AuthPost}
	build := func(f func() (*httpmsg.Request, error)) *httpmsg.Request {
		r, err := f()
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	for _, c := range []struct {
		name string
		req  *httpmsg.Request
		body string
		auth string
	}{
		{"code, public", build(func() (*httpmsg.Request, error) {
			return public.ExchangeCode(ep, "c0de", "https://app.example/cb", "v")
		}), "grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fapp.example%2Fcb&code_verifier=v&client_id=authlab-web", ""},
		{"refresh, basic", build(func() (*httpmsg.Request, error) { return basic.Refresh(ep, "rt", "") }),
			"grant_type=refresh_token&refresh_token=rt", "Basic YXV0aGxhYi1kZW1vOmF1dGhsYWItZGVtby1zZWNyZXQ="},
		{"client credentials, post", build(func() (*httpmsg.Request, error) { return post.ClientCredentials(ep, "api") }),
			"grant_type=client_credentials&scope=api&client_id=c&client_secret=s%2B%2F", ""},
		{"introspect", build(func() (*httpmsg.Request, error) { return basic.Introspect(ep, "t", "access_token") }),
			"token=t&token_type_hint=access_token", "Basic YXV0aGxhYi1kZW1vOmF1dGhsYWItZGVtby1zZWNyZXQ="},
		{"revoke, public", build(func() (*httpmsg.Request, error) { return public.Revoke(ep, "t", "") }),
			"token=t&client_id=authlab-web", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := c.req
			if r.Method != "POST" || r.URL != ep || r.Body != c.body || r.Get("authorization") != c.auth {
				t.Fatalf("got %s %s auth %q body %q", r.Method, r.URL, r.Get("Authorization"), r.Body)
			}
			if r.Get("Content-Type") != "application/x-www-form-urlencoded" || r.Get("Accept") != "application/json" {
				t.Errorf("headers %v", r.Header)
			}
			if _, err := r.Form(); err != nil {
				t.Errorf("body does not parse: %v", err)
			}
		})
	}
}

func TestTokenRequestErrors(t *testing.T) {
	for _, c := range []oauth.Client{
		{ID: "x", Method: oauth.AuthBasic},
		{ID: "x", Method: oauth.AuthPost},
	} {
		if _, err := c.ClientCredentials("https://as.example/t", ""); !errors.Is(err, oauth.ErrNoSecret) {
			t.Errorf("%s without a secret: %v", c.Method, err)
		}
	}
	if _, err := (oauth.Client{ID: "x", Secret: "s", Method: "private_key_jwt"}).ClientCredentials("https://as.example/t", ""); err == nil {
		t.Error("an unknown method was accepted")
	}
}

func TestDumpAndBearer(t *testing.T) {
	r := oauth.BearerRequest("GET", "http://127.0.0.1:8787/oauth/userinfo?x=1", "eyJ.a.b")
	want := "GET /oauth/userinfo?x=1 HTTP/1.1\nHost: 127.0.0.1:8787\nAuthorization: Bearer eyJ.a.b\nAccept: application/json\n\n"
	if got := r.Dump(); got != want {
		t.Errorf("Dump =\n%s\nwant\n%s", got, want)
	}
	p, _ := oauth.Client{ID: "a b"}.ClientCredentials("https://as.example/token", "")
	if got := p.Dump(); got != "POST /token HTTP/1.1\nHost: as.example\nContent-Type: application/x-www-form-urlencoded\nAccept: application/json\nContent-Length: 43\n\ngrant_type=client_credentials&client_id=a+b" {
		t.Errorf("Dump = %q", got)
	}
	if f, _ := p.Form(); f.Get("client_id") != "a b" {
		t.Errorf("form %v", f)
	}
	if got := oauth.EncodeForm(httpmsg.Field{Name: "a", Value: "1 2"}, httpmsg.Field{Name: "empty", Value: ""}, httpmsg.Field{Name: "b", Value: "&="}); got != "a=1+2&b=%26%3D" {
		t.Errorf("EncodeForm = %q", got)
	}
	if _, err := url.ParseQuery(p.Body); err != nil {
		t.Error(err)
	}
}
