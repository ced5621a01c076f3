package snippet

import (
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// Curl writes a shell command line for curl. With -i it prints the status
// line and the response headers before the body. A session request is two
// commands that share a cookie file.
func Curl(r *httpmsg.Request) string {
	var b strings.Builder
	if hasCredential(r) {
		b.WriteString("# " + credentialNote + "\n")
	}
	if r.Login != nil {
		b.WriteString("# Log in; curl keeps the session cookie in cookies.txt.\n")
		curlCommand(&b, r.Login, "-c cookies.txt")
		b.WriteString("\n")
		curlCommand(&b, r, "-b cookies.txt")
		return b.String()
	}
	curlCommand(&b, r, "")
	return b.String()
}

func curlCommand(b *strings.Builder, r *httpmsg.Request, extra string) {
	b.WriteString("curl -i")
	if extra != "" {
		b.WriteString(" " + extra)
	}
	if m := method(r); m != "GET" || r.Body != "" {
		if !(m == "POST" && r.Body != "") {
			b.WriteString(" -X " + m)
		}
	}
	b.WriteString(" " + ShellQuote(r.URL))
	for _, h := range r.Header {
		b.WriteString(" \\\n  -H " + ShellQuote(h.Name+": "+h.Value))
	}
	if r.Body != "" {
		b.WriteString(" \\\n  --data-raw " + ShellQuote(r.Body))
	}
	b.WriteString("\n")
}

// ShellQuote quotes s for a POSIX shell: single quotes, with each single
// quote closed, escaped and reopened.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
