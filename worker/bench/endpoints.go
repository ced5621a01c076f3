package main

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// endpoint is one benchmarked route. Every variant answers it with the same
// algorithms and parameters.
type endpoint struct {
	name   string // short name for flags and logs
	method string
	path   string
	what   string
}

var endpoints = []endpoint{
	{"protected", "GET", "/api/protected", "ES256 Bearer JWT verification, one token repeated: a verified-token cache answers all but the first"},
	{"protected-distinct", "GET", "/api/protected", "ES256 Bearer JWT verification, " + distinctCountText + " distinct tokens round-robin, signed with the variant's own key: no verified-token cache of that size helps"},
	{"login", "POST", "/api/login", "PBKDF2-SHA256 (" + iterationsMark + " iterations), throttle queries, ES256 signing, refresh token insert; " + loginUserText + " accounts round-robin"},
	{"data", "GET", "/api/data", "X-API-Key prefix lookup and SHA-256 check, atomic D1 quota upsert, RateLimit headers"},
	{"token", "POST", "/oauth/token", "client_credentials with client_secret_basic, ES256 signing"},
}

// iterationsMark stands for PBKDF2_ITERATIONS of worker/wrangler.jsonc in
// an endpoint's description; describe fills it in.
const iterationsMark = "{iterations}"

// describe is e's description with the project's parameters.
func (e endpoint) describe(p *project) string {
	it := "the configured"
	if p != nil {
		it = p.iterations()
	}
	return strings.ReplaceAll(e.what, iterationsMark, it)
}

func endpointNames() []string {
	names := make([]string, len(endpoints))
	for i, e := range endpoints {
		names[i] = e.name
	}
	return names
}

func lookupEndpoint(name string) (endpoint, bool) {
	for _, e := range endpoints {
		if e.name == name {
			return e, true
		}
	}
	return endpoint{}, false
}

// title names the endpoint in the report.
func (e endpoint) title() string { return e.method + " " + e.path }

// call is one concrete request to an endpoint: what wrk sends, and what
// the sequential client sends for the CPU measurement. With rotate set,
// each request carries the next of its values in the header rotateHeader,
// round-robin.
type call struct {
	method  string
	path    string
	headers map[string]string
	body    string
	// rotate, when set, are the values that requests take in turn: of
	// the header rotateHeader, or with no rotateHeader, of the body.
	rotateHeader string
	rotate       []string
}

// Demo client of the OAuth token endpoint (authserver.DemoClientID and
// its default secret).
const (
	demoClient = "authlab-demo"
	demoSecret = "authlab-demo-secret"
)

// callFor builds the request for e from a variant's fixture.
func callFor(e endpoint, fx *fixture) call {
	c := call{method: e.method, path: e.path, headers: map[string]string{}}
	switch e.name {
	case "protected":
		c.headers["Authorization"] = "Bearer " + fx.token
	case "login":
		c.headers["Content-Type"] = "application/json"
		for i := range loginUserCount {
			c.rotate = append(c.rotate, loginBody(loginUser(i)))
		}
	case "protected-distinct":
		c.rotateHeader = "Authorization"
		for _, t := range fx.tokens {
			c.rotate = append(c.rotate, "Bearer "+t)
		}
	case "data":
		c.rotateHeader, c.rotate = "X-API-Key", fx.apiKeys
	case "token":
		c.headers["Content-Type"] = "application/x-www-form-urlencoded"
		c.headers["Authorization"] = "Basic " + base64.StdEncoding.EncodeToString([]byte(demoClient+":"+demoSecret))
		c.body = "grant_type=client_credentials"
	}
	return c
}

// rotated returns the rotating header's value for the i-th request, or
// "" without one.
func (c call) rotated(i int) string {
	if len(c.rotate) == 0 {
		return ""
	}
	return c.rotate[i%len(c.rotate)]
}

// luaScript returns a wrk script that sends c and counts non-2xx responses
// in every thread; done() prints their sum on a line of its own. With a
// rotating header, every thread pre-formats one request per value in
// init() and sends them round-robin, each thread from its own start, so
// that the threads do not send the same value at the same time.
func (c call) luaScript() string {
	var b strings.Builder
	b.WriteString("-- written by worker/bench\n")
	fmt.Fprintf(&b, "wrk.method = %s\n", luaString(c.method))
	if c.body != "" {
		fmt.Fprintf(&b, "wrk.body = %s\n", luaString(c.body))
	}
	for _, name := range slices.Sorted(maps.Keys(c.headers)) {
		fmt.Fprintf(&b, "wrk.headers[%s] = %s\n", luaString(name), luaString(c.headers[name]))
	}
	b.WriteString(`local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("offset", (#threads - 1) * 1009)
end
`)
	if len(c.rotate) == 0 {
		b.WriteString("function init(args)\n  non2xx = 0\nend\n")
	} else {
		b.WriteString("local values = {")
		for i, k := range c.rotate {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(luaString(k))
		}
		b.WriteString("}\n")
		if c.rotateHeader != "" {
			fmt.Fprintf(&b, "local header = %s\n", luaString(c.rotateHeader))
		} else {
			b.WriteString("local header = nil -- the values are bodies\n")
		}
		b.WriteString(`local reqs = {}
local n = 0
function init(args)
  non2xx = 0
  for i, v in ipairs(values) do
    local h = {}
    for name, hv in pairs(wrk.headers) do h[name] = hv end
    if header then
      h[header] = v
      reqs[i] = wrk.format(nil, nil, h)
    else
      reqs[i] = wrk.format(nil, nil, h, v)
    end
  end
  n = (offset or 0) % #reqs
end
function request()
  n = n % #reqs + 1
  return reqs[n]
end
`)
	}
	b.WriteString(`function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end
function done(summary, latency, requests)
  local n = 0
  for _, t in ipairs(threads) do
    n = n + t:get("non2xx")
  end
  io.write(string.format("bench non2xx %d\n", n))
end
`)
	return b.String()
}

// luaString quotes s as a Lua string literal: printable ASCII as is,
// everything else as a decimal escape.
func luaString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "\\%03d", c)
		}
	}
	b.WriteByte('"')
	return b.String()
}
