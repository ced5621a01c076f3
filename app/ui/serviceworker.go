package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// swFetchDefault is the cache lookup of go-app's service worker, which
// serviceWorker replaces.
const swFetchDefault = `async function fetchWithCache(request) {
  const cachedResponse = await caches.match(request);
  if (cachedResponse) {
    return cachedResponse;
  }
  return await fetch(request);
}`

// swFetch serves pages from the cache however a static host names them, so
// that the site works offline after one visit: "/basic/", "/basic.html" and
// "/basic/index.html" are all cached as "/basic". A host may have answered
// the caching request with a redirect (to "/basic/"); a navigation must not
// be given a redirected response, so such a response is copied.
const swFetch = `async function fetchWithCache(request) {
  let cached = await caches.match(request);
  if (!cached && request.mode === "navigate") {
    const url = new URL(request.url);
    url.search = "";
    url.pathname = url.pathname.replace(/(\/index\.html|\.html|\/)$/, "");
    cached = await caches.match(url.href);
  }
  if (!cached) {
    return await fetch(request);
  }
  if (cached.redirected) {
    return new Response(await cached.blob(), {
      status: cached.status,
      statusText: cached.statusText,
      headers: cached.headers,
    });
  }
  return cached;
}`

// serviceWorker returns go-app's service worker with swFetch in place of
// its cache lookup. A go-app version that changes the lookup fails the
// package's tests rather than silently losing offline pages.
func serviceWorker() string {
	return strings.Replace(app.DefaultAppWorkerJS, swFetchDefault, swFetch, 1)
}
