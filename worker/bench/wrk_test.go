package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

const wrkClean = `Running 10s test @ http://127.0.0.1:40123/api/protected
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     5.09ms    1.23ms  22.01ms   80.00%
    Req/Sec     1.58k   150.00     1.90k    70.00%
  Latency Distribution
     50%    4.90ms
     75%    5.50ms
     90%    6.30ms
     99%  613.60us
  31520 requests in 10.01s, 6.90MB read
Requests/sec:   3149.12
Transfer/sec:    705.11KB
bench non2xx 0
`

const wrkErrors = `Running 10s test @ http://127.0.0.1:40123/api/protected
  2 threads and 16 connections
  Latency Distribution
     50%  224.73ms
     75%  243.81ms
     90%  278.66ms
     99%    1.20s
  822 requests in 12.03s, 333.13KB read
  Socket errors: connect 0, read 2, write 0, timeout 5
  Non-2xx or 3xx responses: 12
Requests/sec:     68.30
Transfer/sec:     27.68KB
bench non2xx 14
`

func TestParseWrk(t *testing.T) {
	tests := []struct {
		name  string
		out   string
		want  wrkResult
		valid bool
	}{
		{"clean", wrkClean, wrkResult{Requests: 31520, ReqPerSec: 3149.12, P50: 4900 * time.Microsecond, P99: 613600 * time.Nanosecond}, true},
		{"errors", wrkErrors, wrkResult{Requests: 822, ReqPerSec: 68.30, P50: 224730 * time.Microsecond, P99: 1200 * time.Millisecond, SocketErrors: 7, StatusErrors: 12, Non2xx: 14}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseWrk(tt.out)
			if err != nil {
				t.Fatal(err)
			}
			got.Output = ""
			if *got != tt.want {
				t.Errorf("parseWrk = %+v, want %+v", *got, tt.want)
			}
			if got.valid() != tt.valid {
				t.Errorf("valid() = %v, want %v", got.valid(), tt.valid)
			}
		})
	}
}

func TestParseWrkNeedsScript(t *testing.T) {
	if _, err := parseWrk(wrkClean[:len(wrkClean)-len("bench non2xx 0\n")]); err == nil {
		t.Error("a report without the script's non-2xx line was accepted")
	}
}

func TestLuaScript(t *testing.T) {
	fx := &fixture{token: "a.b.c", apiKeys: []string{"alk_k1", "alk_k2"}}
	login, _ := lookupEndpoint("login")
	script := callFor(login, fx).luaScript()
	for _, want := range []string{
		`wrk.method = "POST"`,
		`local values = {"{\"username\":\"bench-login-0\",\"password\":\"bench-password-1\"}", "{\"username\":\"bench-login-1\",`,
		`local header = nil`,
		`reqs[i] = wrk.format(nil, nil, h, v)`,
		`wrk.headers["Content-Type"] = "application/json"`,
		`io.write(string.format("bench non2xx %d\n", n))`,
	} {
		if !strings.Contains(script, want) {
			t.Errorf("login script lacks %s:\n%s", want, script)
		}
	}
	if n := strings.Count(script, `\"username\":\"bench-login-`); n != loginUserCount || strings.Contains(script, "wrk.body") {
		t.Errorf("login script has %d accounts, want %d, and no fixed body:\n%s", n, loginUserCount, script)
	}
	data, _ := lookupEndpoint("data")
	script = callFor(data, fx).luaScript()
	if !strings.Contains(script, `local values = {"alk_k1", "alk_k2"}`) || !strings.Contains(script, `local header = "X-API-Key"`) ||
		!strings.Contains(script, "function request()") {
		t.Errorf("data script does not rotate the keys:\n%s", script)
	}
	fx.tokens = []string{"t.1.x", "t.2.y"}
	distinct, _ := lookupEndpoint("protected-distinct")
	script = callFor(distinct, fx).luaScript()
	if !strings.Contains(script, `local values = {"Bearer t.1.x", "Bearer t.2.y"}`) || !strings.Contains(script, `local header = "Authorization"`) ||
		strings.Contains(script, `wrk.headers["Authorization"]`) {
		t.Errorf("protected-distinct script does not rotate the tokens alone:\n%s", script)
	}
	protected, _ := lookupEndpoint("protected")
	script = callFor(protected, fx).luaScript()
	if !strings.Contains(script, `wrk.headers["Authorization"] = "Bearer a.b.c"`) || strings.Contains(script, "local values") {
		t.Errorf("protected script does not repeat the one token:\n%s", script)
	}
}

func TestLuaString(t *testing.T) {
	if got, want := luaString("a\"b\\c\nd"), `"a\"b\\c\010d"`; got != want {
		t.Errorf("luaString = %s, want %s", got, want)
	}
}

// TestSendRotatesBodies checks that the setup's requests carry the i-th
// rotated body, as the wrk script sends them.
func TestSendRotatesBodies(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = append(got, r.Header.Get("Content-Type")+" "+string(b))
	}))
	defer srv.Close()
	login, _ := lookupEndpoint("login")
	c := callFor(login, &fixture{})
	for i := range 2 {
		if _, _, err := newClient(srv.URL).send(context.Background(), c, i); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"application/json " + loginBody(loginUser(0)), "application/json " + loginBody(loginUser(1))}
	if !slices.Equal(got, want) {
		t.Errorf("bodies %q, want %q", got, want)
	}
}
