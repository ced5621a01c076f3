//go:build js && wasm

// Command worker is the Authlab demo auth server as a Cloudflare Worker. Its
// glue (glue/worker.mjs) starts one Go instance per isolate and hands every
// request to it.
package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"strconv"

	"github.com/syumai/workers/cloudflare"

	"github.com/authlab/authlab/app/authserver"
	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/password"
	"github.com/authlab/authlab/app/store"
	"github.com/authlab/authlab/worker/d1"
	"github.com/authlab/authlab/worker/jsserve"
	"github.com/authlab/authlab/worker/webcrypto"
)

func main() {
	jsserve.Serve(handler()) // the instance serves every request of its isolate
}

func handler() http.Handler {
	h, err := newServer()
	if err != nil {
		return unavailable(err)
	}
	return h
}

func newServer() (http.Handler, error) {
	// ES256 through crypto.subtle runs natively in the runtime, faster than
	// P-256 in Go compiled to wasm.
	if err := jot.UseMethod("ES256", &webcrypto.ES256{}); err != nil {
		return nil, err
	}
	signers, err := signingKeys(cloudflare.Getenv("SIGNING_KEYS"))
	if err != nil {
		return nil, err
	}
	iterations, _ := strconv.Atoi(cloudflare.Getenv("PBKDF2_ITERATIONS"))
	quota, _ := strconv.Atoi(cloudflare.Getenv("DAILY_QUOTA"))
	return authserver.New(authserver.Config{
		Store:          store.New(sql.OpenDB(d1.NewConnector("DB"))),
		SigningKeys:    signers,
		Issuer:         cloudflare.Getenv("ISSUER"),
		Passwords:      &password.Hasher{Iterations: iterations, Derive: webcrypto.PBKDF2},
		DailyQuota:     quota,
		AllowedOrigins: origins(cloudflare.Getenv("CORS_ORIGINS")),
		// Every request comes through Cloudflare's edge, which sets
		// CF-Connecting-IP to the client's address.
		ClientAddr: authserver.CloudflareAddr,

		OAuthRedirectURIs: origins(cloudflare.Getenv("OAUTH_REDIRECT_URIS")),
		DemoClientSecret:  cloudflare.Getenv("OAUTH_DEMO_SECRET"),
	})
}

// unavailable answers every request with a JSON 503 that names the
// configuration problem.
func unavailable(err error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, `{"error":"temporarily_unavailable","error_description":%q}`, "worker configuration: "+err.Error())
	})
}
