//go:build e2e

package e2e_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"testing"

	"github.com/authlab/authlab/app/authserver/openapitest"
	"golang.org/x/oauth2"
)

// testKey carries, in a request's context, the test that sent it, which a
// disagreement with /openapi.json then fails.
type testKey struct{}

// sentBy marks req as sent by t.
func sentBy(req *http.Request, t *testing.T) *http.Request {
	return req.WithContext(context.WithValue(req.Context(), testKey{}, t))
}

var (
	strayMu sync.Mutex
	// stray are the disagreements of exchanges sent without a test in
	// their context (by x/oauth2, or from a goroutine); TestMain fails
	// the run on them.
	stray []string
)

// checkExchanges reads /openapi.json from the running worker once and
// sends every later HTTP exchange with the worker through a check against
// it: http.DefaultTransport, which http.Get, http.DefaultClient, clients
// without a Transport of their own and x/oauth2 all use, checks each
// request and answer as the auth server's own tests do. Traffic to any
// other host (the browser's, the static site's, a callback server's) is
// left alone.
func checkExchanges() error {
	res, err := http.Get(baseURL + "/openapi.json")
	if err != nil {
		return err
	}
	doc, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil || res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET /openapi.json: %d %v", res.StatusCode, err)
	}
	spec, err := openapitest.New(doc)
	if err != nil {
		return err
	}
	worker, _ := url.Parse(baseURL)
	http.DefaultTransport = spec.Transport(http.DefaultTransport,
		func(r *http.Request) bool { return r.URL.Host == worker.Host },
		func(r *http.Request, v openapitest.Verdict) {
			problems := v.Problems()
			if t, ok := r.Context().Value(testKey{}).(*testing.T); ok {
				for _, p := range problems {
					t.Errorf("%s %s: /openapi.json disagrees: %s", r.Method, r.URL.RequestURI(), p)
				}
				return
			}
			strayMu.Lock()
			defer strayMu.Unlock()
			for _, p := range problems {
				stray = append(stray, fmt.Sprintf("%s %s: /openapi.json disagrees: %s", r.Method, r.URL.RequestURI(), p))
			}
		})
	return nil
}

// testClient is an HTTP client whose requests are marked as sent by t.
func testClient(t *testing.T) *http.Client { return &http.Client{Transport: stamped{t}} }

// testContext is a context in which x/oauth2 sends its requests, token
// and resource requests alike, with testClient(t).
func testContext(t *testing.T) context.Context {
	return context.WithValue(context.Background(), oauth2.HTTPClient, testClient(t))
}

type stamped struct{ t *testing.T }

func (s stamped) RoundTrip(r *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(sentBy(r, s.t))
}

// strayDisagreements returns the disagreements that no test reported.
func strayDisagreements() []string {
	strayMu.Lock()
	defer strayMu.Unlock()
	return append([]string(nil), stray...)
}
