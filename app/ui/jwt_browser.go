package ui

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// jwtAwait calls done on the UI goroutine when promise settles, with its value
// or with the reason it was rejected.
func jwtAwait(ctx app.Context, promise app.Value, done func(ctx app.Context, v app.Value, err error)) {
	var ok, fail app.Func
	release := func() { ok.Release(); fail.Release() }
	ok = app.FuncOf(func(this app.Value, args []app.Value) any {
		v := app.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ctx.Dispatch(func(ctx app.Context) { done(ctx, v, nil) })
		release()
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		msg := "rejected"
		if len(args) > 0 && args[0].Truthy() {
			msg = args[0].Call("toString").String()
		}
		ctx.Dispatch(func(ctx app.Context) { done(ctx, nil, errors.New(msg)) })
		release()
		return nil
	})
	promise.Call("then", ok, fail)
}

// jwtFetch GETs url with the browser's fetch, without credentials, and
// hands the body to done. It is the page's only network call, made on an
// explicit click.
func jwtFetch(ctx app.Context, url string, done func(ctx app.Context, body string, err error)) {
	defer func() {
		if r := recover(); r != nil { // fetch throws synchronously on a bad URL
			done(ctx, "", errors.New("the browser refused the URL"))
		}
	}()
	opts := map[string]any{"credentials": "omit", "cache": "no-store", "headers": map[string]any{"Accept": "application/json"}}
	jwtAwait(ctx, app.Window().Call("fetch", url, opts), func(ctx app.Context, resp app.Value, err error) {
		if err != nil {
			done(ctx, "", err)
			return
		}
		if !resp.Get("ok").Bool() {
			done(ctx, "", errors.New("HTTP "+resp.Get("status").String()+" "+resp.Get("statusText").String()))
			return
		}
		jwtAwait(ctx, resp.Call("text"), func(ctx app.Context, body app.Value, err error) {
			if err != nil {
				done(ctx, "", err)
				return
			}
			done(ctx, body.String(), nil)
		})
	})
}

// jwtCopy puts text on the clipboard when the browser allows it.
func jwtCopy(text string) {
	if c := app.Window().Get("navigator").Get("clipboard"); c.Truthy() {
		c.Call("writeText", text).Call("catch", app.FuncOf(func(app.Value, []app.Value) any { return nil }))
	}
}

// jwtSetFragment replaces the URL's fragment without a navigation or a
// history entry; "" removes it.
func jwtSetFragment(fragment string) {
	loc := app.Window().Get("location")
	u := loc.Get("pathname").String() + loc.Get("search").String()
	if fragment != "" {
		u += "#" + fragment
	}
	app.Window().Get("history").Call("replaceState", nil, "", u)
}

// jwtHref is the page's current URL.
func jwtHref() string { return app.Window().Get("location").Get("href").String() }
