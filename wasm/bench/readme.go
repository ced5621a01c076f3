package main

import (
	"fmt"
	"strings"
)

// readme is the README's bench-web section: what is measured and how,
// the figures, and the levers behind them.
func (r *report) readme() string {
	r.stamp()
	var b strings.Builder
	b.WriteString(wrap(fmt.Sprintf("`make bench-web` (`go run ./wasm/bench`) serves the built site and a minimal JavaScript decoder "+
		"page on `jose` (the baseline) from one local server, brotli for both (`app.wasm` from its `-q 11` "+
		"twin, as the worker sends it). Headless chromium opens each page in a fresh profile and, as soon as "+
		"the page has a token field, pastes an HS256 token (and its secret, where the page has a key field). "+
		"Two clocks run from navigation start: **payload on screen**, the frame that shows the decoded "+
		"payload (the first useful frame), and **workbench ready**, the frame that shows the signature verified "+
		"by the Go workbench (the jose page only decodes, so its two clocks are one). Then the same profile "+
		"opens the page again once the service worker has cached the site (repeat visit). The keystroke "+
		"figures time %d edits of the payload from the input event to the next frame with the new payload, "+
		"in a chromium whose frames are not held to 60 Hz (`--disable-frame-rate-limit --disable-gpu-vsync`), "+
		"where that is the page's own cost, and in a normal one, where a frame waits for vsync and no page "+
		"can get under 16.7 ms. Pages interleaved, medians of %d runs; %s, commit `%s`:", r.keys, r.runs, r.when, r.commit)))
	b.WriteString("\n\n")
	b.WriteString(r.table())
	if len(r.pages) > 2 {
		o := r.pages[2]
		of, or := r.get(o.name, slow.name)
		af, ar := r.get(authlab, slow.name)
		jf, jr := r.get(jose, slow.name)
		b.WriteString("\n" + wrap(fmt.Sprintf("In the same run, %s, at 20 Mbit/s: payload on screen %s on a first visit "+
			"(%s the jose page's; now %s) and %s on a repeat one (%s; now %s); workbench ready %s and %s.",
			r.alsoLabel, ms(of.payload), ratio(of.payload, jf.payload), ratio(af.payload, jf.payload),
			ms(or.payload), ratio(or.payload, jr.payload), ratio(ar.payload, jr.payload), ms(of.ready), ms(or.ready))) + "\n")
	}
	b.WriteString(`
The jwt.io figures are jwt.io's own debugger, built from source and measured the same way (its
keystroke figure at 60 Hz).

**What moved the figures.** Every page is prerendered, and ` + "`web/loader.js`" + ` (no dependency, served
from 'self' under the pages' CSP) makes the prerendered JWT workbench decode a pasted token before
` + "`app.wasm`" + ` has arrived: strict base64url, UTF-8 and JSON, pretty-printed as ` + "`app/jot`" + ` does,
into the workbench's own header and payload panes, with a note that the signature is not verified
yet and that verification, claims and lint start once the tools have loaded. It decodes only, and
sends and stores nothing. When go-app replaces the prerendered page, what was typed is handed to
the live fields as input events, focus and caret included (` + "`worker/e2e/preview_test.go`" + ` holds
` + "`app.wasm`" + ` back to test both). So the payload is on screen after the HTML, CSS and ` + "`loader.js`" + `,
on a first visit and from the service worker's cache on a repeat one; the workbench is ready once
` + "`app.wasm`" + ` (2.9 MB with brotli, 1.2 s at 20 Mbit/s by itself) is compiled and started.

Beside the same build without the preview (the ` + "`" + `loader.js` + "`" + ` of e57a7ed), in one run on a busy
machine, the payload was on screen at 20 Mbit/s after 3429 → 497 ms on a first visit and 801 → 333
ms on a repeat one. A keystroke is drawn sooner because the workbench writes the decoded header,
payload, claims, lint and verdict into the DOM as soon as the keystroke is decoded, as HTML with
every piece of token text escaped, and only the segments that changed, instead of on go-app's next
update after a diff of the whole page: keystroke → every part in the DOM went from 19–36 ms to 5–12
ms at p95 across the 13 algorithms (` + "`" + `go test -tags e2e -run TestJWTKeystrokeLatency ./worker/e2e` + "`" + `,
old and new builds interleaved).

**What did not.** go-app's ` + "`app.js`" + ` hands ` + "`instantiateStreaming`" + ` a Response it builds
around ` + "`app.wasm`" + `'s body to count bytes; a trace shows the module compiled while it streams all
the same. Chromium caches a module's compiled code only once TurboFan has compiled enough of it,
and with dynamic tiering this short-running module did not get there in our runs, with go-app's
Response or with the fetched one (a trace of a third visit read no cached code), so patching
` + "`app.js`" + ` for the code cache gained nothing measurable. Nor does the service worker's install
download ` + "`app.wasm`" + ` twice on a first visit: the HTTP cache holds its request until the page's
download is done, and it revalidates (one full and one conditional GET, counted at the server).
A ` + "`<link rel=preload>`" + ` for ` + "`app.wasm`" + ` from ` + "`loader.js`" + ` made every figure worse in an
interleaved run of seven (at 20 Mbit/s: payload on screen 598 against 374 ms on a first visit and 352
against 247 ms on a repeat one, workbench ready 4092 against 3843 ms): the early download competes
with the files the page needs first, so the site does not preload it.

` + "`TestFrontEndSize`" + ` (in ` + "`wasm/`" + `) holds ` + "`app.wasm`" + ` to 4.4 MB with gzip -9 and 18.5 MB raw.
`)
	return b.String()
}

// wrap breaks text into lines of at most 100 columns, as the README's
// prose is.
func wrap(text string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len([]rune(w)) > 100 {
			b.WriteString("\n")
			n = 0
		} else if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len([]rune(w))
	}
	return b.String()
}
