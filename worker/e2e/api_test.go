//go:build e2e

package e2e_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

type reply struct {
	Status int
	Header http.Header
	Body   map[string]any
	Raw    string
}

func call(t *testing.T, method, path, body string, header ...string) reply {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, baseURL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(sentBy(req, t))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := reply{Status: res.StatusCode, Header: res.Header, Raw: string(raw)}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		if err := json.Unmarshal(raw, &r.Body); err != nil {
			t.Fatalf("%s %s: body is not JSON: %v: %q", method, path, err, raw)
		}
	}
	if r.Status >= 500 {
		t.Fatalf("%s %s: server error %d: %s", method, path, r.Status, raw)
	}
	return r
}

func uniqueName(prefix string) string {
	return fmt.Sprintf("%s%d", prefix, time.Now().UnixNano())
}

func register(t *testing.T, name, pw string) {
	t.Helper()
	r := call(t, "POST", "/api/register", fmt.Sprintf(`{"username":%q,"password":%q}`, name, pw))
	if r.Status != http.StatusCreated {
		t.Fatalf("register %s: %d %s", name, r.Status, r.Raw)
	}
}

func login(t *testing.T, name, pw string) string {
	t.Helper()
	r := call(t, "POST", "/api/login", fmt.Sprintf(`{"username":%q,"password":%q}`, name, pw))
	if r.Status != http.StatusOK {
		t.Fatalf("login %s: %d %s", name, r.Status, r.Raw)
	}
	if r.Body["token_type"] != "Bearer" {
		t.Fatalf("token_type = %v", r.Body["token_type"])
	}
	tok, _ := r.Body["access_token"].(string)
	if strings.Count(tok, ".") != 2 {
		t.Fatalf("access_token %q is not a JWS", tok)
	}
	return tok
}

func TestHealth(t *testing.T) {
	r := call(t, "GET", "/api/health", "")
	if r.Status != 200 || r.Body["status"] != "ok" || r.Body["database"] != "ok" {
		t.Fatalf("health: %d %s", r.Status, r.Raw)
	}
}

func TestRegisterLoginProtected(t *testing.T) {
	name := uniqueName("ada")
	register(t, name, "correct horse battery")
	tok := login(t, name, "correct horse battery")

	r := call(t, "GET", "/api/protected", "", "Authorization", "Bearer "+tok)
	if r.Status != 200 {
		t.Fatalf("protected: %d %s", r.Status, r.Raw)
	}
	claims, _ := r.Body["claims"].(map[string]any)
	for _, c := range []string{"iss", "aud", "exp", "iat", "jti", "sub"} {
		if claims[c] == nil {
			t.Errorf("claim %s is missing: %v", c, claims)
		}
	}
	if claims["iss"] != baseURL {
		t.Errorf("iss = %v, want %s", claims["iss"], baseURL)
	}
	p := call(t, "GET", "/api/profile", "", "Authorization", "bearer "+tok)
	if p.Status != 200 || p.Body["username"] != name {
		t.Fatalf("profile: %d %s", p.Status, p.Raw)
	}
	// The token's kid names a key in the published set.
	jwks := call(t, "GET", "/.well-known/jwks.json", "")
	if jwks.Status != 200 || !strings.Contains(jwks.Raw, `"kid"`) || strings.Contains(jwks.Raw, `"d"`) {
		t.Fatalf("jwks: %d %s", jwks.Status, jwks.Raw)
	}
}

func TestRegisterRefusals(t *testing.T) {
	name := uniqueName("bob")
	register(t, name, "correct horse battery")
	for _, tc := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"duplicate in another case", fmt.Sprintf(`{"username":%q,"password":"another good one"}`, strings.ToUpper(name)), 409, "conflict"},
		{"missing password", fmt.Sprintf(`{"username":%q}`, uniqueName("c")), 400, "invalid_request"},
		{"weak password", fmt.Sprintf(`{"username":%q,"password":"short"}`, uniqueName("c")), 400, "invalid_request"},
		{"malformed JSON", `{"username": "x", `, 400, "invalid_request"},
		{"not an object", `[1,2]`, 400, "invalid_request"},
		{"wrong type", `{"username": 5, "password": "correct horse"}`, 400, "invalid_request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, "POST", "/api/register", tc.body)
			if r.Status != tc.status || r.Body["error"] != tc.code || r.Body["error_description"] == "" {
				t.Fatalf("got %d %s, want %d %s", r.Status, r.Raw, tc.status, tc.code)
			}
		})
	}
}

func TestLoginFailures(t *testing.T) {
	name := uniqueName("cy")
	register(t, name, "correct horse battery")
	for _, tc := range []struct{ name, body string }{
		{"wrong password", fmt.Sprintf(`{"username":%q,"password":"wrong horse battery"}`, name)},
		{"unknown user", `{"username":"nobody-here","password":"correct horse battery"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, "POST", "/api/login", tc.body)
			if r.Status != 401 || r.Body["error"] != "invalid_credentials" {
				t.Fatalf("got %d %s", r.Status, r.Raw)
			}
			if _, leaked := r.Body["access_token"]; leaked {
				t.Fatal("a failed login returned a token")
			}
		})
	}
	r := call(t, "POST", "/api/login", `{"username":`)
	if r.Status != 400 || r.Body["error"] != "invalid_request" {
		t.Fatalf("malformed JSON: %d %s", r.Status, r.Raw)
	}
}

func TestBearerFailures(t *testing.T) {
	name := uniqueName("dee")
	register(t, name, "correct horse battery")
	tok := login(t, name, "correct horse battery")
	// Change one character in the middle of the signature.
	sig := strings.LastIndex(tok, ".") + 10
	flip := byte('A')
	if tok[sig] == 'A' {
		flip = 'B'
	}
	tampered := tok[:sig] + string(flip) + tok[sig+1:]
	for _, tc := range []struct {
		name, header string
		status       int
		challenge    string
	}{
		{"no token", "", 401, `Bearer realm="authlab"`},
		{"tampered by one character", "Bearer " + tampered, 401, `error="invalid_token"`},
		{"tampered payload", "Bearer " + strings.Replace(tok, ".eyJ", ".eyK", 1), 401, `error="invalid_token"`},
		{"malformed header", "Bearer two words", 400, `error="invalid_request"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r reply
			if tc.header == "" {
				r = call(t, "GET", "/api/protected", "")
			} else {
				r = call(t, "GET", "/api/protected", "", "Authorization", tc.header)
			}
			www := r.Header.Get("WWW-Authenticate")
			if r.Status != tc.status || !strings.Contains(www, tc.challenge) {
				t.Fatalf("got %d, WWW-Authenticate %q, body %s", r.Status, www, r.Raw)
			}
			if r.Body["error"] == nil {
				t.Fatalf("no JSON error body: %s", r.Raw)
			}
		})
	}
}

// TestInterleavedRequests sends many different requests at once to the one
// Go instance; each must get its own answer.
func TestInterleavedRequests(t *testing.T) {
	const n = 12
	names := make([]string, n)
	for i := range names {
		names[i] = uniqueName(fmt.Sprintf("par%d-", i))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	client := testClient(t)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(name string) {
			defer wg.Done()
			body, _ := json.Marshal(map[string]string{"username": name, "password": "correct horse " + name})
			res, err := client.Post(baseURL+"/api/register", "application/json", bytes.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			var got map[string]any
			json.NewDecoder(res.Body).Decode(&got)
			res.Body.Close()
			if res.StatusCode != 201 || got["username"] != name {
				errs <- fmt.Errorf("register %s: %d %v", name, res.StatusCode, got)
				return
			}
			res, err = client.Post(baseURL+"/api/login", "application/json", bytes.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			var tok map[string]any
			json.NewDecoder(res.Body).Decode(&tok)
			res.Body.Close()
			req, _ := http.NewRequest("GET", baseURL+"/api/profile", nil)
			req.Header.Set("Authorization", fmt.Sprintf("Bearer %v", tok["access_token"]))
			res, err = client.Do(req)
			if err != nil {
				errs <- err
				return
			}
			var prof map[string]any
			json.NewDecoder(res.Body).Decode(&prof)
			res.Body.Close()
			if prof["username"] != name {
				errs <- fmt.Errorf("profile for %s answered %v", name, prof)
			}
		}(names[i])
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestUnknownRoutes(t *testing.T) {
	r := call(t, "GET", "/api/nope", "")
	if r.Status != 404 || r.Body["error"] != "not_found" {
		t.Fatalf("unknown route: %d %s", r.Status, r.Raw)
	}
	r = call(t, "GET", "/api/login", "")
	if r.Status != 405 || r.Header.Get("Allow") != "POST" {
		t.Fatalf("wrong method: %d %v %s", r.Status, r.Header, r.Raw)
	}
	// A header that the server sends twice reaches the client twice.
	r = call(t, "PUT", "/api/keys", "")
	if allow := strings.Join(r.Header.Values("Allow"), ", "); r.Status != 405 || allow != "GET, POST" {
		t.Fatalf("two methods: %d Allow %q %s", r.Status, allow, r.Raw)
	}
}
