//go:build js && wasm

package webio

import (
	"context"
	"fmt"
	"syscall/js"

	"github.com/authlab/authlab/app/httpmsg"
)

// Fetch sends req with the browser's fetch (Fetch standard) and reads the
// whole answer. Nothing is cached and no referrer is sent. Without cookies
// (credentials "omit") a 401 with a Basic challenge does not make the
// browser prompt for a password. When the body cannot be read, the
// response comes with an error wrapping ErrBodyUnread.
func Fetch(ctx context.Context, req *httpmsg.Request, o FetchOptions) (res *httpmsg.Response, err error) {
	defer func() {
		if r := recover(); r != nil { // fetch throws synchronously on a bad URL
			res, err = nil, ErrRefused
		}
	}()
	headers := map[string]any{}
	for _, h := range req.Header {
		headers[h.Name] = h.Value
	}
	opts := map[string]any{
		"method":         req.MethodOrGet(),
		"headers":        headers,
		"cache":          "no-store",
		"credentials":    "omit",
		"referrerPolicy": "no-referrer",
		"redirect":       "follow",
	}
	if o.Cookies {
		opts["credentials"] = "include"
	}
	if o.Redirect != "" {
		opts["redirect"] = o.Redirect
	}
	if req.Body != "" {
		opts["body"] = req.Body
	}
	v, err := Await(ctx, js.Global().Call("fetch", req.URL, opts))
	if err != nil {
		return nil, err
	}
	res = &httpmsg.Response{
		Status:     v.Get("status").Int(),
		StatusText: v.Get("statusText").String(),
		URL:        v.Get("url").String(),
		Redirected: v.Get("redirected").Bool(),
	}
	entries := js.Global().Get("Array").Call("from", v.Get("headers").Call("entries"))
	for i := 0; i < entries.Length(); i++ {
		e := entries.Index(i)
		res.Header = append(res.Header, httpmsg.Field{Name: e.Index(0).String(), Value: e.Index(1).String()})
	}
	body, err := Await(ctx, v.Call("text"))
	if err != nil {
		return res, fmt.Errorf("%w: %v", ErrBodyUnread, err)
	}
	res.Body = body.String()
	return res, nil
}
