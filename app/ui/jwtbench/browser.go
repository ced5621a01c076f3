package jwtbench

import (
	"context"
	"errors"
	"strconv"

	"github.com/authlab/authlab/app/httpmsg"
	"github.com/authlab/authlab/app/webio"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fetchText GETs url with the browser's fetch, without credentials, and
// hands the body to done on the UI goroutine. It is the page's only
// network call, made on an explicit click.
func fetchText(ctx app.Context, url string, done func(ctx app.Context, body string, err error)) {
	req := &httpmsg.Request{URL: url, Header: []httpmsg.Field{{Name: "Accept", Value: "application/json"}}}
	ctx.Async(func() {
		res, err := webio.Fetch(context.Background(), req, webio.FetchOptions{})
		body := ""
		switch {
		case err != nil:
		case res.Status < 200 || res.Status > 299:
			err = errors.New("HTTP " + strconv.Itoa(res.Status) + " " + res.StatusText)
		default:
			body = res.Body
		}
		ctx.Dispatch(func(ctx app.Context) { done(ctx, body, err) })
	})
}

// copyText puts text on the clipboard when the browser allows it.
func copyText(text string) {
	go func() { _ = webio.Copy(context.Background(), text) }()
}

// setFragment replaces the URL's fragment without a navigation or a
// history entry; "" removes it.
func setFragment(fragment string) {
	loc := app.Window().Get("location")
	u := loc.Get("pathname").String() + loc.Get("search").String()
	if fragment != "" {
		u += "#" + fragment
	}
	app.Window().Get("history").Call("replaceState", nil, "", u)
}

// pageHref is the page's current URL.
func pageHref() string { return app.Window().Get("location").Get("href").String() }
