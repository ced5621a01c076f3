package snippet

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// Go writes a Go program that uses net/http. A session request uses a
// cookie jar (net/http/cookiejar), which keeps the login's cookie.
func Go(r *httpmsg.Request) string {
	var b strings.Builder
	imports := []string{"fmt", "io", "net/http", "os"}
	if r.Body != "" || (r.Login != nil && r.Login.Body != "") {
		imports = append(imports, "strings")
	}
	if r.Login != nil {
		imports = append(imports, "net/http/cookiejar")
	}
	slices.Sort(imports)
	if hasCredential(r) {
		b.WriteString("// " + credentialNote + "\n")
	}
	b.WriteString("package main\n\nimport (\n")
	for _, p := range imports {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	b.WriteString(")\n\nfunc main() {\n")
	client := "http.DefaultClient"
	if r.Login != nil {
		client = "client"
		b.WriteString("\tjar, err := cookiejar.New(nil)\n\tcheck(err)\n")
		b.WriteString("\tclient := &http.Client{Jar: jar}\n")
		b.WriteString("\t// Log in: the jar keeps the session cookie.\n")
		goRequest(&b, "login", r.Login, ":=")
		fmt.Fprintf(&b, "\tres, err := %s.Do(login)\n\tcheck(err)\n\tres.Body.Close()\n\n", client)
		goRequest(&b, "req", r, ":=")
		fmt.Fprintf(&b, "\tres, err = %s.Do(req)\n", client)
	} else {
		goRequest(&b, "req", r, ":=")
		fmt.Fprintf(&b, "\tres, err := %s.Do(req)\n", client)
	}
	b.WriteString("\tcheck(err)\n\tdefer res.Body.Close()\n")
	b.WriteString("\tfmt.Println(res.Proto, res.Status)\n\tres.Header.Write(os.Stdout)\n\tfmt.Println()\n\tio.Copy(os.Stdout, res.Body)\n}\n\n")
	b.WriteString("func check(err error) {\n\tif err != nil {\n\t\tfmt.Fprintln(os.Stderr, err)\n\t\tos.Exit(1)\n\t}\n}\n")
	return b.String()
}

func goRequest(b *strings.Builder, v string, r *httpmsg.Request, assign string) {
	body := "nil"
	if r.Body != "" {
		body = "strings.NewReader(" + goString(r.Body) + ")"
	}
	fmt.Fprintf(b, "\t%s, err %s http.NewRequest(%q, %s, %s)\n\tcheck(err)\n", v, assign, method(r), goString(r.URL), body)
	for _, h := range r.Header {
		fmt.Fprintf(b, "\t%s.Header.Set(%s, %s)\n", v, goString(h.Name), goString(h.Value))
	}
}

// goString writes s as a Go string literal: a raw string when that is
// exact and readable, an interpreted one otherwise.
func goString(s string) string {
	if strings.ContainsAny(s, `"\`) && strconv.CanBackquote(s) {
		return "`" + s + "`"
	}
	return strconv.Quote(s)
}
