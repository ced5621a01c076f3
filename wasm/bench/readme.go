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
	jwtio := "jwt.io's debugger, built with `next build` from its source (commit `" + short(r.jwtioCommit) + "`, " +
		"its two Google fonts swapped for its own Aeonik files so that the build needs no network) and served by `next start`"
	if !r.has(jwtIO) {
		jwtio = "jwt.io's debugger (**not measured in this run**: " + r.jwtioMissing + ")"
	}
	b.WriteString(wrap(fmt.Sprintf("`make bench-web` (`go run ./wasm/bench`) measures three pages in one run: Authlab's "+
		"JWT workbench served by the worker itself, on workerd with the built site as its static assets and a fresh D1, as users "+
		"get it (workerd runs the worker; in front of it, the routing of Workers static assets serves the prerendered "+
		"pages from the assets, brotli-compressed as the edge compresses them, and sends the paths of `run_worker_first`, "+
		"`app.wasm` among them, to the worker, which picks `app.wasm`'s precompressed twin); a minimal JavaScript decoder "+
		"page on `jose` (the baseline), every file brotli-compressed; and %s. "+
		"Each is reached as users reach a site, over HTTPS and HTTP/2 (on a loopback port, with a certificate chromium is "+
		"told to trust), through a reverse proxy that passes the request's `Accept-Encoding` and the answer through "+
		"unchanged; the table below gives the header chromium sent, Chrome's own `gzip, deflate, br, zstd` (headless "+
		"chromium sends the same to plain http://127.0.0.1), and what came back. `next start` compresses with gzip "+
		"only, so jwt.io's files come gzip-compressed here where its host would send brotli. The run fails if "+
		"`app.wasm` does not arrive as `br`. Headless chromium opens each page in a fresh profile and, as soon as "+
		"the page has a token field"+r.pasteWhen()+", pastes an HS256 token (and its secret, where the page has a key field). "+
		"Three clocks run from navigation start: **payload on screen**, the frame that shows the decoded "+
		"payload (the first useful frame); **workbench ready**, the frame that shows the signature verified "+
		"by the Go workbench (the other pages only decode), which on a first visit is the early checker's verdict "+
		"(`web/quickcheck.js`, app/jot's check alone in a module of 1.1 MB with brotli, which the prerendered workbench "+
		"asks for as it is parsed, ahead of `app.wasm`); and **every tool live**, the frame after go-app's live page has replaced the "+
		"prerendered one. Then the same profile opens the page again once the service "+
		"worker, where there is one, has cached the site (repeat visit). The keystroke figures time %d edits of the payload "+
		"from the input event to the next frame with the new payload, in a chromium whose frames are not held to 60 Hz "+
		"(`--disable-frame-rate-limit --disable-gpu-vsync`), where that is the page's own cost, and in a normal one, where "+
		"a frame waits for vsync and no page can get under 16.7 ms. Pages interleaved, median (min–max) of %d runs; %s, "+
		"commit `%s`, load average %s at the start and %s at the end (other work shared the machine's two cores):",
		jwtio, r.keys, r.runs, r.when, r.commit, r.load, r.loadEnd)))
	b.WriteString("\n\n")
	b.WriteString(r.table())
	b.WriteString("\n" + wrap(r.goal()) + "\n\n")
	b.WriteString("How each page's main resource travelled (the request's `Accept-Encoding`, the answer's " +
		"`Content-Encoding` and the bytes on the wire):\n\n")
	b.WriteString(r.encodings())
	if r.lighthouse != "" {
		b.WriteString("\n" + wrap("In the same run, through the same HTTPS fronts: "+firstLine(r.lighthouse)) + "\n\n")
		b.WriteString(afterFirstLine(r.lighthouse))
	}
	fmt.Fprintf(&b, "\n`TestFrontEndSize` (in `wasm/`) holds `app.wasm` to 4.4 MB with gzip -9 and 18.5 MB raw.\n")
	return b.String()
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

func afterFirstLine(s string) string {
	_, rest, _ := strings.Cut(s, "\n")
	return strings.TrimLeft(rest, "\n")
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

// pasteWhen says when the probe pasted, beyond the token field existing.
func (r *report) pasteWhen() string {
	if r.pasteAt <= 0 {
		return " (even while the document is still being parsed)"
	}
	return fmt.Sprintf(" and no earlier than %d ms after navigation start (`-paste-at`)", r.pasteAt)
}
