package snippet

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// JavaScript writes code for a browser's fetch (or Node 18 and later), to
// run where top-level await is allowed: a module or the browser console. A
// session request sends credentials: "include", so that the browser keeps
// and sends the cookie.
func JavaScript(r *httpmsg.Request) string {
	var b strings.Builder
	if hasCredential(r) {
		b.WriteString("// " + credentialNote + "\n")
	}
	if r.Login != nil {
		b.WriteString("// Log in: the browser keeps the session cookie, which page scripts cannot read (HttpOnly).\n")
		jsFetch(&b, "login", r.Login, true)
		jsFetch(&b, "res", r, true)
	} else {
		jsFetch(&b, "res", r, false)
	}
	b.WriteString("console.log(res.status, res.statusText);\n")
	b.WriteString("for (const [name, value] of res.headers) console.log(`${name}: ${value}`);\n")
	b.WriteString("console.log(await res.text());\n")
	return b.String()
}

func jsFetch(b *strings.Builder, v string, r *httpmsg.Request, cookies bool) {
	var opts []string
	if m := method(r); m != "GET" {
		opts = append(opts, "method: "+jsString(m))
	}
	if len(r.Header) > 0 {
		var hs []string
		for _, h := range r.Header {
			hs = append(hs, "    "+jsString(h.Name)+": "+jsString(h.Value)+",")
		}
		opts = append(opts, "headers: {\n"+strings.Join(hs, "\n")+"\n  }")
	}
	if r.Body != "" {
		if isJSON(r) && json.Valid([]byte(r.Body)) {
			opts = append(opts, "body: JSON.stringify("+r.Body+")")
		} else {
			opts = append(opts, "body: "+jsString(r.Body))
		}
	}
	if cookies {
		opts = append(opts, `credentials: "include"`)
	}
	if len(opts) == 0 {
		fmt.Fprintf(b, "const %s = await fetch(%s);\n", v, jsString(r.URL))
		return
	}
	fmt.Fprintf(b, "const %s = await fetch(%s, {\n  %s,\n});\n", v, jsString(r.URL), strings.Join(opts, ",\n  "))
}

// jsString writes s as a JavaScript string literal: JSON strings are valid
// JavaScript (ES2019).
func jsString(s string) string {
	out, _ := json.Marshal(s)
	return string(out)
}
