package main

import (
	"fmt"
	"strings"
)

// readme is the bench-web section of docs/performance.md: what is
// measured and how, and the figures.
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
	fmt.Fprintf(&b, "\n`TestFrontEndSize` (in `wasm/`) holds `app.wasm` to 4.4 MB with gzip -9 and 18.5 MB raw.\n")
	return b.String()
}

// wrap breaks text into lines of at most 100 columns, as the results
// file's prose is.
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
