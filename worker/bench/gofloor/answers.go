// Command gofloor is the benchmark's Go floor: worker/bench/floor's fixed
// answers, written in Go and served through the project's glue
// (worker/glue, package jsserve) like the real worker. It does no other
// work, so what it costs over the JavaScript floor on the same workerd is
// what any Go worker pays to start its runtime and to cross into Go for a
// request; what the real worker costs over it is the worker's own.
package main

import "net/http"

// token has a JWT's shape and is not signed, as the JavaScript floor's.
const token = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJmbG9vciJ9.Zmxvb3I"

type answer struct {
	status int
	body   string
}

var ok = answer{http.StatusOK, `{"status":"ok","message":"the benchmark's floor answers without doing any work"}`}

// answers are the floor's, path for path: the shapes the benchmark's
// fixtures and checks expect.
var answers = map[string]answer{
	"/api/register":  {http.StatusCreated, `{"id":"1","username":"bench"}`},
	"/api/login":     {http.StatusOK, `{"access_token":"` + token + `","token_type":"Bearer","expires_in":900}`},
	"/api/keys":      {http.StatusCreated, `{"key":"alk_floor_0123456789abcdef","daily_quota":100000}`},
	"/api/data":      {http.StatusOK, `{"data":"floor","quota":{"limit":100000}}`},
	"/api/health":    ok,
	"/api/protected": ok,
	"/oauth/token":   ok,
}

var notFound = answer{http.StatusNotFound, `{"error":"not_found"}`}

// serveFixed answers every request from answers, or 404.
func serveFixed(w http.ResponseWriter, r *http.Request) {
	a, found := answers[r.URL.Path]
	if !found {
		a = notFound
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if r.URL.Path == "/api/data" {
		h.Set("RateLimit-Limit", "100000")
		h.Set("RateLimit-Remaining", "99999")
	}
	w.WriteHeader(a.status)
	w.Write([]byte(a.body))
}
