package snippet_test

import (
	"encoding/json"
	"go/format"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/snippet"
)

// cases are requests like the ones the pages send. Each must reach the
// recording server exactly as described.
func cases(base string) map[string]*httpmsg.Request {
	login := &httpmsg.Request{Method: "POST", URL: base + "/session/login",
		Header: []httpmsg.Field{{Name: "Content-Type", Value: "application/json"}},
		Body:   `{"username":"ada","password":"correct horse"}`}
	return map[string]*httpmsg.Request{
		"get": {URL: base + "/api/health"},
		"bearer": {URL: base + "/api/protected",
			Header: []httpmsg.Field{{Name: "Authorization", Value: "Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}}},
		"query key": {URL: base + "/api/data?api_key=alk_abc_def&x=%C3%A9+%27q%27"},
		"json": {Method: "POST", URL: base + "/api/keys",
			Header: []httpmsg.Field{{Name: "Authorization", Value: "Bearer t"}, {Name: "Content-Type", Value: "application/json"}},
			Body:   `{"name":"it's \"mine\" \\ é","daily_quota":5,"on":true,"none":null,"list":[1,"a"]}`},
		"delete": {Method: "DELETE", URL: base + "/api/keys/42",
			Header: []httpmsg.Field{{Name: "Authorization", Value: "Bearer t"}}},
		"odd header": {URL: base + "/basic-auth/j%C3%BCrgen/pa:ss",
			Header: []httpmsg.Field{{Name: "Authorization", Value: "Basic anVyZ2VuOnBhOnNz"}, {Name: "X-Note", Value: `it's "quoted" $HOME \n`}}},
		"session":      {URL: base + "/session/me", Login: login, Cookie: "__Host-s"},
		"post no body": {Method: "POST", URL: base + "/session/logout", Login: login, Cookie: "__Host-s"},
	}
}

// seen is a request as the server received it.
type seen struct {
	Method, Path, RawQuery string
	Header                 map[string]string
	Body                   any
	Cookie                 string
}

func recorder(t *testing.T) (*httptest.Server, func() []seen) {
	var got []seen
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		s := seen{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery, Header: map[string]string{}}
		for _, n := range []string{"Authorization", "Content-Type", "X-Note"} {
			if v := r.Header.Get(n); v != "" {
				s.Header[n] = v
			}
		}
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, &s.Body); err != nil {
				s.Body = string(raw)
			}
		}
		if c, err := r.Cookie("__Host-s"); err == nil {
			s.Cookie = c.Value
		}
		got = append(got, s)
		if r.URL.Path == "/session/login" {
			http.SetCookie(w, &http.Cookie{Name: "__Host-s", Value: "sid", Path: "/", Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		}
		if strings.HasPrefix(r.URL.Path, "/session/") && r.URL.Path != "/session/login" && s.Cookie != "sid" {
			http.Error(w, `{"error":"no session"}`, http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true}`)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []seen { out := got; got = nil; return out }
}

// expected is what the server must see for r.
func expected(t *testing.T, r *httpmsg.Request) []seen {
	var out []seen
	if r.Login != nil {
		out = append(out, expected(t, r.Login)...)
	}
	u, _ := http.NewRequest(r.Method, r.URL, nil)
	s := seen{Method: r.Method, Path: u.URL.EscapedPath(), RawQuery: u.URL.RawQuery, Header: map[string]string{}}
	if s.Method == "" {
		s.Method = "GET"
	}
	for _, h := range r.Header {
		s.Header[h.Name] = h.Value
	}
	if r.Body != "" {
		if err := json.Unmarshal([]byte(r.Body), &s.Body); err != nil {
			s.Body = r.Body
		}
	}
	if r.Login != nil {
		s.Cookie = "sid"
	}
	return append(out, s)
}

var statusLine = regexp.MustCompile(`(?m)^(?:HTTP/[\d.]+ )?(\d{3})(?: |$)`)

// lastStatus returns the last status code a snippet printed.
func lastStatus(out string) string {
	m := statusLine.FindAllStringSubmatch(out, -1)
	if len(m) == 0 {
		return ""
	}
	return m[len(m)-1][1]
}

// runner runs a snippet with one language's runtime.
type runner struct {
	lang, file string
	need       []string // commands that must be installed
	cmd        func(path string) *exec.Cmd
	session    bool // whether the runtime keeps cookies
}

var runners = []runner{
	{"curl", "snippet.sh", []string{"curl", "sh"}, func(p string) *exec.Cmd { return exec.Command("sh", p) }, true},
	{"python", "snippet.py", []string{"python3"}, func(p string) *exec.Cmd { return exec.Command("python3", p) }, true},
	{"go", "main.go", []string{"go"}, func(p string) *exec.Cmd { return exec.Command("go", "run", p) }, true},
	// Node's fetch keeps no cookies; session snippets run in chromium in
	// the end-to-end tests.
	{"js", "snippet.mjs", []string{"node"}, func(p string) *exec.Cmd { return exec.Command("node", p) }, false},
}

func generator(t *testing.T, id string) func(*httpmsg.Request) string {
	for _, l := range snippet.Languages() {
		if l.ID == id {
			return l.Write
		}
	}
	t.Fatalf("no language %q", id)
	return nil
}

// requireRuntime fails the test, loudly, when a runtime is missing: the
// snippets must be proven, not skipped.
func requireRuntime(t *testing.T, rn runner) {
	t.Helper()
	for _, c := range rn.need {
		if _, err := exec.LookPath(c); err != nil {
			t.Fatalf("%s is not installed: the %s snippets cannot be run (%v)", c, rn.lang, err)
		}
	}
	if rn.lang == "python" {
		if out, err := exec.Command("python3", "-c", "import requests").CombinedOutput(); err != nil {
			t.Fatalf("python3 cannot import requests; install Debian's python3-requests (apt-get install -y python3-requests): %v\n%s", err, out)
		}
	}
}

func TestSnippetsReachTheServerAsSent(t *testing.T) {
	srv, take := recorder(t)
	for _, rn := range runners {
		t.Run(rn.lang, func(t *testing.T) {
			requireRuntime(t, rn)
			for name, req := range cases(srv.URL) {
				if req.Login != nil && !rn.session {
					continue
				}
				t.Run(name, func(t *testing.T) {
					dir := t.TempDir()
					path := filepath.Join(dir, rn.file)
					code := generator(t, rn.lang)(req)
					if err := os.WriteFile(path, []byte(code), 0o644); err != nil {
						t.Fatal(err)
					}
					cmd := rn.cmd(path)
					cmd.Dir = dir
					cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=")
					out, err := cmd.CombinedOutput()
					if err != nil {
						t.Fatalf("%v\n%s\n--- snippet:\n%s", err, out, code)
					}
					if got := lastStatus(string(out)); got != "200" {
						t.Errorf("status %q, want 200; output:\n%s\n--- snippet:\n%s", got, out, code)
					}
					if got, want := take(), expected(t, req); !reflect.DeepEqual(got, want) {
						t.Errorf("server saw\n%+v\nwant\n%+v\n--- snippet:\n%s", got, want, code)
					}
				})
			}
		})
	}
}

func TestGoSnippetsAreFormatted(t *testing.T) {
	for name, req := range cases("https://authlab.example") {
		code := snippet.Go(req)
		formatted, err := format.Source([]byte(code))
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, code)
		}
		if string(formatted) != code {
			t.Errorf("%s: not gofmt-formatted:\n%s", name, code)
		}
	}
}

func TestCredentialNote(t *testing.T) {
	base := "https://authlab.example"
	plain := &httpmsg.Request{URL: base + "/api/health"}
	for _, l := range snippet.Languages() {
		if strings.Contains(l.Write(plain), "secret store") {
			t.Errorf("%s: a request without credentials got the credential note", l.ID)
		}
		for name, req := range cases(base) {
			if name == "get" {
				continue
			}
			if !strings.Contains(l.Write(req), "never from source") {
				t.Errorf("%s %s: no credential note", l.ID, name)
			}
		}
	}
}

func TestPythonSessionOverHTTPS(t *testing.T) {
	req := cases("https://authlab.example")["session"]
	code := snippet.Python(req)
	if strings.Contains(code, "cookies=") {
		t.Errorf("over https the session's own jar is enough:\n%s", code)
	}
	if !strings.Contains(snippet.Python(cases("http://127.0.0.1:8787")["session"]), "cookies=cookie") {
		t.Error("over http the Secure cookie must be passed on by hand")
	}
}

func TestCurlQuoting(t *testing.T) {
	got := snippet.Curl(&httpmsg.Request{URL: "https://a.example/x?q='1'"})
	want := "curl -i 'https://a.example/x?q='\\''1'\\'''\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
