// Package openapitest checks HTTP exchanges against the OpenAPI 3.1
// document that the auth server serves at /openapi.json, with
// github.com/pb33f/libopenapi-validator. The auth server's tests check
// every exchange they make in process, and the end-to-end tests every
// exchange they make with a running worker, so that the document cannot
// drift from what the server accepts and answers.
//
// It is for tests: the worker never imports it.
package openapitest

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/config"
	"github.com/pb33f/libopenapi-validator/errors"
	"github.com/pb33f/libopenapi-validator/helpers"
	"github.com/pb33f/libopenapi-validator/paths"
	"github.com/pb33f/libopenapi-validator/schema_validation"
	"github.com/pb33f/libopenapi/datamodel/high/base"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
	"github.com/pb33f/libopenapi/orderedmap"
)

// Checker checks exchanges against one document. It is safe for
// concurrent use.
type Checker struct {
	mu       sync.Mutex
	v        validator.Validator
	model    *v3.Document
	errorDoc *base.Schema // components.schemas.Error
	schemas  schema_validation.SchemaValidator
}

// options are the validator's: its defaults, which check security,
// parameters, bodies, statuses and declared response headers, and on top
// of them formats, form bodies, and bodies that an operation does not
// declare.
func options() []config.Option {
	return []config.Option{
		config.WithFormatAssertions(),
		config.WithURLEncodedBodyValidation(),
		config.WithRejectUndeclaredRequestBody(),
	}
}

var (
	cacheMu sync.Mutex
	cache   = map[[32]byte]*Checker{}
)

// New parses doc, checks that it is a valid OpenAPI 3.1 document, and
// returns a Checker for it. Checkers are kept by the document's content,
// so that the many test servers of one document share one.
func New(doc []byte) (*Checker, error) {
	sum := sha256.Sum256(doc)
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if c, ok := cache[sum]; ok {
		return c, nil
	}
	document, err := libopenapi.NewDocument(doc)
	if err != nil {
		return nil, fmt.Errorf("openapitest: %w", err)
	}
	if v := document.GetSpecInfo().Version; v != "3.1.0" {
		return nil, fmt.Errorf("openapitest: the document is OpenAPI %q, not 3.1.0", v)
	}
	v, errs := validator.NewValidator(document, options()...)
	if len(errs) > 0 {
		return nil, fmt.Errorf("openapitest: %v", errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		return nil, fmt.Errorf("openapitest: the document is not valid OpenAPI 3.1: %s", describe(verrs))
	}
	model, merr := document.BuildV3Model()
	if merr != nil {
		return nil, fmt.Errorf("openapitest: %w", merr)
	}
	c := &Checker{v: v, model: &model.Model, schemas: schema_validation.NewSchemaValidator(options()...)}
	if model.Model.Components != nil {
		if p := model.Model.Components.Schemas.GetOrZero("Error"); p != nil {
			c.errorDoc = p.Schema()
		}
	}
	if c.errorDoc == nil {
		return nil, fmt.Errorf("openapitest: the document has no Error schema")
	}
	cache[sum] = c
	return c, nil
}

// Verdict is what the document says of one exchange.
type Verdict struct {
	// Documented is whether the document has an operation for the
	// request's method and path.
	Documented bool
	// Accepted is whether the server accepted the request (see Accepted).
	Accepted bool
	// Request and Response are the document's objections to each.
	Request, Response []string
}

// Problems are the objections that make the document wrong about the
// exchange: every objection to the response, and the objections to a
// request that the server accepted. A request that the server refused
// may well be one that the document refuses too.
func (v Verdict) Problems() []string {
	p := append([]string(nil), v.Response...)
	if v.Accepted {
		for _, r := range v.Request {
			p = append(p, "the server accepted a request that the document refuses: "+r)
		}
	}
	return p
}

// Accepted reports whether an answer accepts the request: a 2xx, or a
// 303 that carries no error back to an OAuth client (RFC 6749 §4.1.2.1).
func Accepted(status int, header http.Header) bool {
	if status >= 200 && status < 300 {
		return true
	}
	if status != http.StatusSeeOther {
		return false
	}
	loc, err := url.Parse(header.Get("Location"))
	return err == nil && !loc.Query().Has("error")
}

// Check checks one exchange. body is the request's body, which req no
// longer holds once it was sent; res's body is read and put back. A HEAD
// answer's body is not looked at: net/http's server drops it, and an
// httptest.ResponseRecorder keeps it.
func (c *Checker) Check(req *http.Request, body []byte, res *http.Response) Verdict {
	c.mu.Lock()
	defer c.mu.Unlock()
	resBody, _ := io.ReadAll(res.Body)
	res.Body = io.NopCloser(bytes.NewReader(resBody))
	if req.Method == http.MethodHead {
		resBody = nil
	}
	withBody := func() *http.Request {
		r := req.Clone(req.Context())
		r.URL.RawPath = unreserved(r.URL.EscapedPath())
		r.Body = io.NopCloser(bytes.NewReader(body))
		r.ContentLength = int64(len(body))
		return r
	}
	answer := func() *http.Response {
		r := *res
		r.Body = io.NopCloser(bytes.NewReader(resBody))
		return &r
	}
	verdict := Verdict{Accepted: Accepted(res.StatusCode, res.Header)}
	if _, errs := c.v.ValidateHttpRequestSync(withBody()); len(errs) > 0 {
		verdict.Request = messages(errs)
	}
	var op *v3.Operation
	if clean(req.URL.Path) {
		if item, _, _ := paths.FindPath(withBody(), c.model, config.NewValidationOptions(options()...)); item != nil {
			op = helpers.ExtractOperation(req, item)
		}
	}
	if op == nil {
		verdict.Response = c.undocumented(res, resBody)
		return verdict
	}
	verdict.Documented = true
	if _, errs := c.v.ValidateHttpResponse(withBody(), answer()); len(errs) > 0 {
		verdict.Response = messages(errs)
	}
	verdict.Response = append(verdict.Response, undeclared(op, res, resBody)...)
	return verdict
}

// clean reports whether a path is one that http.ServeMux serves as it is,
// rather than redirecting to its clean form: no ".", ".." or empty
// segment.
func clean(p string) bool {
	c := path.Clean(p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c == p
}

// unreserved decodes the percent-encoded unreserved characters of an
// escaped path, which are the same URI encoded or not (RFC 3986 §6.2.2.2),
// and keeps every other escape.
func unreserved(escaped string) string {
	var b strings.Builder
	for i := 0; i < len(escaped); i++ {
		if escaped[i] == '%' && i+2 < len(escaped) {
			if n, err := strconv.ParseUint(escaped[i+1:i+3], 16, 8); err == nil {
				if c := byte(n); 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
					b.WriteByte(c)
					i += 2
					continue
				}
			}
		}
		b.WriteByte(escaped[i])
	}
	return b.String()
}

// meaningful are the response headers that the document must declare
// wherever the server sends them. Others (Content-Type, which the
// validator matches with the declared content, Cache-Control, Vary, CORS)
// are generic.
var meaningful = []string{"WWW-Authenticate", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
	"RateLimit-Reset", "Location", "Set-Cookie", "Warning", "Allow"}

// undeclared finds what the validator does not look for: a body where the
// document declares none, and a meaningful header that it does not
// declare.
func undeclared(op *v3.Operation, res *http.Response, body []byte) []string {
	var out []string
	resp := op.Responses.Codes.GetOrZero(fmt.Sprint(res.StatusCode))
	if resp == nil {
		return nil // the validator reports the status
	}
	if orderedmap.Len(resp.Content) == 0 && len(body) > 0 {
		out = append(out, fmt.Sprintf("%d has a %q body, but the document declares none", res.StatusCode, res.Header.Get("Content-Type")))
	}
	for _, h := range meaningful {
		if res.Header.Get(h) != "" && (resp.Headers == nil || resp.Headers.GetOrZero(h) == nil) {
			out = append(out, fmt.Sprintf("%d carries %s: %q, which the document does not declare", res.StatusCode, h, res.Header.Get(h)))
		}
	}
	return out
}

// undocumented checks the answer to a request that no operation
// describes, which the document's info describes as a whole: 404, 405 with
// Allow, or a redirect to the clean path; errors in its Error schema.
func (c *Checker) undocumented(res *http.Response, body []byte) []string {
	switch res.StatusCode {
	case http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if res.Header.Get("Location") == "" {
			return []string{fmt.Sprintf("a redirect %d without Location", res.StatusCode)}
		}
		return nil
	case http.StatusNotFound, http.StatusMethodNotAllowed:
	default:
		return []string{fmt.Sprintf("no operation describes the request, and it was answered %d, not 404 or 405", res.StatusCode)}
	}
	var out []string
	if res.StatusCode == http.StatusMethodNotAllowed && res.Header.Get("Allow") == "" {
		out = append(out, "405 without Allow")
	}
	if mt := res.Header.Get("Content-Type"); !strings.HasPrefix(mt, "application/json") {
		return append(out, fmt.Sprintf("%d answered with %q, not the Error schema's application/json", res.StatusCode, mt))
	}
	if ok, errs := c.schemas.ValidateSchemaBytes(c.errorDoc, body); !ok {
		out = append(out, fmt.Sprintf("%d: the body %s does not match the Error schema: %s", res.StatusCode, body, describe(errs)))
	}
	return out
}

func messages(errs []*errors.ValidationError) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = describe([]*errors.ValidationError{e})
	}
	return out
}

func describe(errs []*errors.ValidationError) string {
	var b strings.Builder
	for i, e := range errs {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Message)
		if e.Reason != "" {
			b.WriteString(": " + e.Reason)
		}
		for _, f := range e.SchemaValidationErrors {
			fmt.Fprintf(&b, " [%s at %s]", f.Reason, f.FieldPath)
		}
	}
	return b.String()
}
