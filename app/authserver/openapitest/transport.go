package openapitest

import (
	"bytes"
	"io"
	"net/http"
)

// Transport sends requests through next and checks each exchange for which
// match holds, handing its verdict to report.
func (c *Checker) Transport(next http.RoundTripper, match func(*http.Request) bool, report func(*http.Request, Verdict)) http.RoundTripper {
	return roundTripper(func(req *http.Request) (*http.Response, error) {
		if !match(req) {
			return next.RoundTrip(req)
		}
		var body []byte
		if req.Body != nil {
			var err error
			if body, err = io.ReadAll(req.Body); err != nil {
				return nil, err
			}
			req.Body.Close()
		}
		sent := req.Clone(req.Context())
		sent.Body = io.NopCloser(bytes.NewReader(body))
		if req.Body == nil {
			sent.Body = nil
		}
		res, err := next.RoundTrip(sent)
		if err != nil {
			return nil, err
		}
		got, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return nil, err
		}
		res.Body = io.NopCloser(bytes.NewReader(got))
		report(req, c.Check(req, body, res))
		res.Body = io.NopCloser(bytes.NewReader(got))
		return res, nil
	})
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
