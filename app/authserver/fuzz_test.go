//go:build !js

package authserver_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/keys"
)

// FuzzAccountsJSON posts arbitrary bodies and content types to register
// and login. No input may cause a 5xx or a status outside the documented
// ones, every error is a JSON {"error","error_description"} (checked by
// do), and a body that is not a JSON object is never read as one.
func FuzzAccountsJSON(f *testing.F) {
	f.Add(credentials("alice", "password123"), "application/json")
	f.Add(credentials("alice", "short"), "application/json")
	f.Add(`{"username":"bob","password":"password123","extra":[1,{"a":null}]}`, "")
	f.Add(`{"username":`, "application/json")
	f.Add(`[]`, "application/json; charset=utf-8")
	f.Add(`null`, "application/json")
	f.Add(" \n", "application/json")
	f.Add(`"alice"`, "")
	f.Add(`1`, "application/json")
	f.Add(`{"username":1e999}`, "application/json")
	f.Add("{\"username\":\"\xff\"}", "application/json")
	f.Add(credentials("carol", "password123"), "text/plain")
	f.Add(credentials("carol", "password123"), "application/json; charset")
	// One iteration: the fuzzer is after parsing, not PBKDF2.
	s := newServer(f, 1)
	s.register(f, "alice", "password123")
	allowed := map[string][]int{
		"/api/register": {201, 400, 409, 413, 415},
		"/api/login":    {200, 400, 401, 413, 415, 429},
	}
	f.Fuzz(func(t *testing.T, body, contentType string) {
		for path, statuses := range allowed {
			header := []string{"Content-Type", ""}
			if contentType != "" {
				header = append(header, "Content-Type", contentType)
			}
			r := s.do(t, "POST", path, body, header...)
			if !slices.Contains(statuses, r.Code) {
				t.Fatalf("%s answered %d %s", path, r.Code, r.Body)
			}
			if top := strings.TrimLeft(body, " \t\r\n"); !strings.HasPrefix(top, "{") && r.Code != 400 && r.Code != 413 && r.Code != 415 {
				t.Fatalf("%s answered %d to a body that is not a JSON object: %q", path, r.Code, body)
			}
			if r.Code == 200 && r.str("access_token") == "" {
				t.Fatalf("login 200 without a token: %s", r.Body)
			}
		}
	})
}

// FuzzBearerHeader sends arbitrary Authorization headers to a protected
// route. Only a token the server signed may pass, and every refusal
// carries a well-formed RFC 6750 challenge.
func FuzzBearerHeader(f *testing.F) {
	s := newServer(f, 1)
	s.register(f, "alice", "password123")
	tok := s.login(f, "alice", "password123")
	set, err := keys.ParseSet(s.do(f, "GET", "/.well-known/jwks.json", "").Body.Bytes())
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"Bearer " + tok, "bearer " + tok, "Bearer", "Bearer ", "Basic YTpi", "Bearer a.b.c",
		"Bearer " + tok + "=", "Bearer " + strings.Replace(tok, ".", "..", 1), `Bearer "x"`,
		"Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer " + strings.Repeat("A", 5000),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, header string) {
		req := httptest.NewRequest("GET", "/api/protected", nil)
		req.Header["Authorization"] = []string{header}
		rec := s.serve(t, req)
		switch rec.Code {
		case http.StatusOK:
			scheme, raw, _ := strings.Cut(header, " ")
			if !strings.EqualFold(scheme, "Bearer") {
				t.Fatalf("accepted %q", header)
			}
			if _, err := jot.Verify(raw, jot.KeySet{Set: set}, jot.WithTimeFunc(s.clock.Now)); err != nil {
				t.Fatalf("accepted %q, which does not verify: %v", header, err)
			}
			return
		case http.StatusBadRequest, http.StatusUnauthorized:
		default:
			t.Fatalf("%q: %d %s", header, rec.Code, rec.Body)
		}
		challenge := rec.Header().Get("WWW-Authenticate")
		if !strings.HasPrefix(challenge, `Bearer realm="authlab"`) {
			t.Fatalf("challenge %q", challenge)
		}
		// Every quoted-string in the challenge stays closed and holds
		// only the characters RFC 6750 §3 allows.
		if strings.Count(challenge, `"`)%2 != 0 || strings.Contains(challenge, `\`) {
			t.Fatalf("challenge %q", challenge)
		}
		for i := 0; i < len(challenge); i++ {
			if c := challenge[i]; c < 0x20 || c > 0x7e {
				t.Fatalf("challenge %q has byte %#x", challenge, c)
			}
		}
	})
}

// FuzzLoopbackRedirect asks a client registered with
// http://127.0.0.1:8765/cb to redirect to arbitrary URIs. Whatever the
// port, an accepted URI is http on 127.0.0.1 with the path /cb, no
// query, user or fragment (RFC 8252 §7.3): no other host or path.
func FuzzLoopbackRedirect(f *testing.F) {
	s := newServer(f, 1)
	reg := s.do(f, "POST", "/oauth/register", `{"token_endpoint_auth_method":"none","redirect_uris":["http://127.0.0.1:8765/cb"]}`)
	id := reg.str("client_id")
	if reg.Code != http.StatusCreated || id == "" {
		f.Fatalf("register: %d %s", reg.Code, reg.Body)
	}
	for _, seed := range []string{
		"http://127.0.0.1:8765/cb", "http://127.0.0.1/cb", "http://127.0.0.1:1/cb", "http://127.0.0.1:65536/cb",
		"http://127.0.0.1:/cb", "http://127.0.0.1:9@evil.example/cb", "http://127.0.0.1:9/cb?x", "http://127.0.0.1:9/cb#x",
		"http://127.0.0.1:+9/cb", "http://127.0.0.1:09/cb", "http://127.0.0.1.evil.example/cb", "http://[::1]:9/cb",
		"http://127.0.0.1:9\\@evil.example/cb", "http://127.0.0.1:9/%63b", "HTTP://127.0.0.1:9/cb",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, redirect string) {
		rec := s.authorize(t, authzParams(set("client_id", id), set("redirect_uri", redirect)))
		if rec.Code != http.StatusOK {
			if rec.Code != http.StatusBadRequest || rec.Header().Get("Location") != "" {
				t.Fatalf("%q: %d Location %q", redirect, rec.Code, rec.Header().Get("Location"))
			}
			return
		}
		u, err := url.Parse(redirect)
		if err != nil || u.Scheme != "http" || u.User != nil || u.Hostname() != "127.0.0.1" || u.EscapedPath() != "/cb" ||
			u.RawQuery != "" || u.ForceQuery || strings.Contains(redirect, "#") {
			t.Fatalf("accepted %q (%v)", redirect, err)
		}
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				t.Fatalf("accepted %q with port %q", redirect, p)
			}
		}
	})
}
