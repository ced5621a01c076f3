package authserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"
)

// maxBody bounds every JSON request body.
const maxBody = 64 << 10

// errorBody is the JSON error shape of every failed request, after
// RFC 6749 §5.2.
type errorBody struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	setJSONHeaders(w)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeRawJSON is writeJSON for a body encoded already.
func writeRawJSON(w http.ResponseWriter, status int, body []byte) {
	setJSONHeaders(w)
	w.WriteHeader(status)
	w.Write(body)
}

func setJSONHeaders(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
}

// writeError answers with the status and code that the error table gives
// err. Server errors are logged and described generically.
func writeError(w http.ResponseWriter, err error) {
	ec := lookupError(err)
	desc := err.Error()
	if ec.status >= 500 {
		log.Printf("authserver: %v", err)
		if ec.status == http.StatusInternalServerError {
			desc = "internal error"
		}
	}
	writeJSON(w, ec.status, errorBody{Error: ec.code, Description: desc})
}

// decodeJSON reads one JSON object from the body into v. It refuses a body
// not labelled application/json (RFC 9110 §8.3), bodies over maxBody, an
// empty body, a top-level value that is not an object, trailing data and
// wrong field types, each with a message that says what to fix. An
// unlabelled body is refused too: a browser sends one cross-site without
// a preflight, and /openapi.json can describe only labelled bodies.
func decodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if r.Body == nil || ct == "" && r.ContentLength == 0 {
		return fmt.Errorf("%w: the body is empty, send a JSON object", ErrInvalidRequest)
	}
	if ct == "" {
		return fmt.Errorf("%w: send the body as JSON with Content-Type: application/json; the request has no Content-Type", ErrUnsupportedMedia)
	}
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return fmt.Errorf("%w: send the body as JSON with Content-Type: application/json, not %q", ErrUnsupportedMedia, ct)
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return describeDecodeError(err)
	}
	if !utf8.Valid(body) {
		return fmt.Errorf("%w: the body is not valid UTF-8 (RFC 8259 §8.1)", ErrInvalidRequest)
	}
	if err := requireObject(body); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return describeDecodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("%w: data after the JSON object", ErrInvalidRequest)
	}
	return nil
}

// requireObject refuses a body whose top-level value (RFC 8259 §2) is
// not an object. encoding/json would decode null into v as if it were {},
// and an empty body or any other value is no request either.
func requireObject(body []byte) error {
	value := bytes.TrimLeft(body, " \t\r\n")
	if len(value) == 0 {
		return fmt.Errorf("%w: the body is empty, send a JSON object", ErrInvalidRequest)
	}
	if value[0] == '{' {
		return nil
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return describeDecodeError(err)
	}
	kind := "null"
	switch v.(type) {
	case []any:
		kind = "an array"
	case string:
		kind = "a string"
	case float64:
		kind = "a number"
	case bool:
		kind = "a boolean"
	}
	return fmt.Errorf("%w: the body must be a JSON object, not %s", ErrInvalidRequest, kind)
}

func describeDecodeError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var big *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return fmt.Errorf("%w: the body is empty, send a JSON object", ErrInvalidRequest)
	case errors.As(err, &big):
		return fmt.Errorf("%w: at most %d bytes", ErrTooLarge, big.Limit)
	case errors.As(err, &syn):
		return fmt.Errorf("%w: malformed JSON at byte %d: %v", ErrInvalidRequest, syn.Offset, syn)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("%w: the body must be a JSON object, not %s", ErrInvalidRequest, typ.Value)
		}
		return fmt.Errorf("%w: field %q must be a %s, not %s", ErrInvalidRequest, typ.Field, typ.Type, typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("%w: the JSON body ends early", ErrInvalidRequest)
	}
	return fmt.Errorf("%w: %s", ErrInvalidRequest, strings.TrimPrefix(err.Error(), "json: "))
}
