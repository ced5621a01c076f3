//go:build e2e

package e2e_test

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

func basicHeader(user, pass string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
}

func TestBasicAuth(t *testing.T) {
	r := call(t, "GET", "/basic-auth/jürgen/pa:ss", "")
	if r.Status != 401 {
		t.Fatalf("no credentials: %d %s", r.Status, r.Raw)
	}
	headerHas(t, r, "WWW-Authenticate", `Basic realm="Fake Realm", charset="UTF-8"`)
	r = call(t, "GET", "/basic-auth/jürgen/pa:ss", "", "Authorization", "bAsIc "+basicHeader("jürgen", "pa:ss"))
	if r.Status != 200 || r.Body["user"] != "jürgen" {
		t.Fatalf("right credentials, odd scheme case: %d %s", r.Status, r.Raw)
	}
	r = call(t, "GET", "/basic-auth/jürgen/pa:ss", "", "Authorization", "Basic "+basicHeader("jürgen", "wrong"))
	if r.Status != 401 {
		t.Fatalf("wrong password: %d %s", r.Status, r.Raw)
	}
	if r := call(t, "GET", "/hidden-basic-auth/u/p", ""); r.Status != 404 || r.Header.Get("WWW-Authenticate") != "" {
		t.Fatalf("hidden: %d %v", r.Status, r.Header)
	}
	if r := call(t, "GET", "/hidden-basic-auth/u/p", "", "Authorization", "Basic "+basicHeader("u", "p")); r.Status != 200 {
		t.Fatalf("hidden, right credentials: %d %s", r.Status, r.Raw)
	}
	if r := call(t, "GET", "/basic-auth/u/p", "", "Authorization", "Basic !!!"); r.Status != 400 {
		t.Fatalf("malformed credentials: %d %s", r.Status, r.Raw)
	}

	a := newAccount(t, "basic")
	if r := call(t, "GET", "/api/basic", "", "Authorization", "Basic "+basicHeader(a.name, a.password)); r.Status != 200 {
		t.Fatalf("account: %d %s", r.Status, r.Raw)
	}
	r = call(t, "GET", "/api/basic", "", "Authorization", "Basic "+basicHeader(a.name, "nope nope"))
	if r.Status != 401 {
		t.Fatalf("account, wrong password: %d %s", r.Status, r.Raw)
	}
	headerHas(t, r, "WWW-Authenticate", `charset="UTF-8"`)
}

func TestAnyBearer(t *testing.T) {
	r := call(t, "GET", "/bearer", "")
	if r.Status != 401 {
		t.Fatalf("no token: %d", r.Status)
	}
	headerHas(t, r, "WWW-Authenticate", "Bearer")
	r = call(t, "GET", "/bearer", "", "Authorization", "BEARER abc.def")
	if r.Status != 200 || r.Body["token"] != "abc.def" {
		t.Fatalf("any token: %d %s", r.Status, r.Raw)
	}
}

func cookieNamed(res reply, name string) string {
	for _, c := range res.Header.Values("Set-Cookie") {
		if strings.HasPrefix(c, name+"=") {
			return c
		}
	}
	return ""
}

func TestCookieSession(t *testing.T) {
	a := newAccount(t, "sess")
	r := call(t, "POST", "/session/login", a.credentials(), "Origin", baseURL)
	if r.Status != 200 {
		t.Fatalf("session login: %d %s", r.Status, r.Raw)
	}
	set := cookieNamed(r, "__Host-authlab_session")
	for _, attr := range []string{"Path=/", "HttpOnly", "Secure", "SameSite=Lax", "Max-Age="} {
		if !strings.Contains(set, attr) {
			t.Errorf("Set-Cookie %q lacks %s", set, attr)
		}
	}
	if strings.Contains(strings.ToLower(set), "domain=") {
		t.Errorf("a __Host- cookie must not have Domain: %q", set)
	}
	cookie := strings.SplitN(set, ";", 2)[0]
	if r := call(t, "GET", "/session/me", "", "Cookie", cookie); r.Status != 200 {
		t.Fatalf("me: %d %s", r.Status, r.Raw)
	}
	r = call(t, "POST", "/session/logout", "", "Cookie", cookie, "Origin", "https://evil.example")
	if r.Status != 403 {
		t.Fatalf("cross-site logout: %d %s", r.Status, r.Raw)
	}
	r = call(t, "POST", "/session/login", a.credentials(), "Sec-Fetch-Site", "cross-site")
	if r.Status != 403 {
		t.Fatalf("cross-site login: %d %s", r.Status, r.Raw)
	}
	if r := call(t, "POST", "/session/logout", "", "Cookie", cookie, "Origin", baseURL); r.Status != 204 {
		t.Fatalf("logout: %d %s", r.Status, r.Raw)
	}
	if r := call(t, "GET", "/session/me", "", "Cookie", cookie); r.Status != 401 {
		t.Fatalf("me after logout: %d %s", r.Status, r.Raw)
	}
}

func TestCORS(t *testing.T) {
	r := call(t, "OPTIONS", "/api/login", "", "Origin", allowedOrigin, "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "content-type")
	if r.Status != 204 || r.Header.Get("Access-Control-Allow-Origin") != allowedOrigin {
		t.Fatalf("preflight: %d %v", r.Status, r.Header)
	}
	headerHas(t, r, "Access-Control-Allow-Headers", "Content-Type")
	r = call(t, "GET", "/api/health", "", "Origin", allowedOrigin)
	if r.Header.Get("Access-Control-Allow-Origin") != allowedOrigin {
		t.Fatalf("simple request: %v", r.Header)
	}
	r = call(t, "OPTIONS", "/api/login", "", "Origin", "https://evil.example", "Access-Control-Request-Method", "POST")
	if r.Status != 403 || r.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatalf("preflight from a stranger: %d %v", r.Status, r.Header)
	}
}

// TestOpenAPIListsEveryRoute checks the document against the routes this
// suite exercises.
func TestOpenAPIListsEveryRoute(t *testing.T) {
	res, err := testClient(t).Get(baseURL + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var doc struct {
		OpenAPI string                    `json:"openapi"`
		Paths   map[string]map[string]any `json:"paths"`
	}
	if err := json.NewDecoder(res.Body).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	for _, op := range []string{
		"get /api/health", "post /api/register", "post /api/login", "post /api/refresh",
		"get /api/protected", "get /api/profile", "post /api/keys", "get /api/keys", "delete /api/keys/{id}",
		"get /api/data", "get /api/basic", "get /basic-auth/{user}/{passwd}", "get /hidden-basic-auth/{user}/{passwd}",
		"get /bearer", "post /session/login", "get /session/me", "post /session/logout",
		"get /.well-known/jwks.json", "get /openapi.json",
		"get /.well-known/oauth-authorization-server", "get /.well-known/openid-configuration",
		"get /oauth/authorize", "post /oauth/authorize", "post /oauth/token", "post /oauth/introspect",
		"post /oauth/revoke", "get /oauth/userinfo", "post /oauth/register", "options /api/login",
	} {
		method, path, _ := strings.Cut(op, " ")
		if doc.Paths[path][method] == nil {
			t.Errorf("%s is missing from /openapi.json", op)
		}
	}
}

func TestBadInputNeverFailsTheServer(t *testing.T) {
	for _, tc := range []struct {
		name, method, path, body string
		header                   []string
		status                   int
	}{
		{"invalid UTF-8", "POST", "/api/register", "{\"username\":\"a\xffb\",\"password\":\"correct horse\"}", nil, 400},
		{"over the size limit", "POST", "/api/register", `{"username":"` + strings.Repeat("a", 70<<10) + `"}`, nil, 413},
		{"SQL-looking name", "POST", "/api/register", `{"username":"x' OR 1=1 --","password":"correct horse"}`, nil, 400},
		{"SQL-looking login", "POST", "/api/login", `{"username":"x' OR '1'='1","password":"' OR '1'='1"}`, nil, 401},
		{"wrong content type", "POST", "/api/login", `{}`, []string{"Content-Type", "text/plain"}, 415},
		{"unknown method", "PATCH", "/api/login", `{}`, nil, 405},
		{"repeated Authorization", "GET", "/api/protected", "", []string{"Authorization", "Bearer a, Bearer b"}, 400},
		{"huge header", "GET", "/api/protected", "", []string{"Authorization", "Bearer " + strings.Repeat("A", 16<<10)}, 401},
		{"path tricks", "GET", "/api/keys/..%2f..%2fetc%2fpasswd", "", []string{"Authorization", "Bearer x"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := call(t, tc.method, tc.path, tc.body, tc.header...)
			if tc.status != 0 && r.Status != tc.status {
				t.Fatalf("got %d %s, want %d", r.Status, r.Raw, tc.status)
			}
			if r.Status >= 400 && r.Body["error"] == nil {
				t.Fatalf("no JSON error: %d %s", r.Status, r.Raw)
			}
		})
	}
}
