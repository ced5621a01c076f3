package discovery

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// Fetcher GETs url and returns the answer's status, header and body. It
// returns an error wrapping ErrUnreadable when there is no answer the
// caller may read (a CORS refusal in a browser, a network failure), and
// should stop reading a body past MaxBody bytes.
type Fetcher func(ctx context.Context, url string) (status int, header http.Header, body []byte, err error)

// Limits on what is fetched.
const (
	// MaxBody is the largest answer read, in bytes. Real metadata and JWK
	// Sets, certificate chains included, are a few tens of KiB.
	MaxBody = 1 << 20
	// MaxFetches is the most URLs one Discover fetches: three well-known
	// locations and two jwks_uri.
	MaxFetches = 5
	// MaxRedirects is the most redirects HTTPFetcher follows.
	MaxRedirects = 3
)

// HTTPFetcher is a Fetcher over c (http.DefaultClient when nil). It
// follows at most MaxRedirects redirects, never from https to http except
// on loopback, and reads at most MaxBody+1 bytes of a body.
func HTTPFetcher(c *http.Client) Fetcher {
	if c == nil {
		c = http.DefaultClient
	}
	cc := *c
	cc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) > MaxRedirects {
			return fmt.Errorf("%w: more than %d redirects", ErrTooMany, MaxRedirects)
		}
		return checkURL(req.URL)
	}
	return func(ctx context.Context, u string) (int, http.Header, []byte, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return 0, nil, nil, err
		}
		req.Header.Set("Accept", "application/json")
		resp, err := cc.Do(req)
		if err != nil {
			if errors.Is(err, ErrTooMany) || errors.Is(err, ErrIssuer) {
				return 0, nil, nil, err
			}
			return 0, nil, nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
		if err != nil {
			return resp.StatusCode, resp.Header, nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		return resp.StatusCode, resp.Header, body, nil
	}
}

// checkURL accepts https URLs, and http only on a loopback host, for
// local testing (RFC 8414 §2 and OpenID Connect Discovery 1.0 §2 require
// https).
func checkURL(u *url.URL) error {
	switch {
	case u.Scheme == "https" && u.Host != "":
		return nil
	case u.Scheme == "http" && isLoopback(u.Hostname()):
		return nil
	}
	return fmt.Errorf("%w: %q (http is allowed only on loopback, for testing)", ErrIssuer, u.Redacted())
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// getObject fetches u, records the attempt, and decodes a JSON object of
// at most MaxBody bytes.
func (r *Report) getObject(ctx context.Context, fetch Fetcher, u, purpose string) (map[string]json.RawMessage, []byte, error) {
	a := Attempt{URL: u, Purpose: purpose}
	defer func() { r.Attempts = append(r.Attempts, a) }()
	status, _, body, err := fetch(ctx, u)
	a.Status = status
	switch {
	case err != nil:
		a.Err = err
	case len(body) > MaxBody:
		a.Err = fmt.Errorf("%w: over %d bytes", ErrTooLarge, MaxBody)
	case status != http.StatusOK:
		a.Err = fmt.Errorf("%w: %d", ErrStatus, status)
	}
	if a.Err != nil {
		return nil, nil, a.Err
	}
	obj, err := parseObject(body)
	if err != nil {
		a.Err = err
		return nil, nil, err
	}
	return obj, body, nil
}

// parseObject decodes a JSON object, refusing any other JSON value.
func parseObject(body []byte) (map[string]json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(body, &obj); err != nil || obj == nil {
		what := "null"
		if err != nil {
			what = err.Error()
		}
		return nil, fmt.Errorf("%w: %s", ErrNotObject, what)
	}
	return obj, nil
}
