package snippet

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/authlab/authlab/app/httpmsg"
)

// Python writes a Python 3 program that uses the requests library.
func Python(r *httpmsg.Request) string {
	var b strings.Builder
	if hasCredential(r) {
		b.WriteString("# " + credentialNote + "\n")
	}
	b.WriteString("import requests\n\n")
	client := "requests"
	if r.Login != nil {
		client = "session"
		b.WriteString("session = requests.Session()\n")
		pyCall(&b, "login", client, r.Login, "")
		cookies := ""
		if plainHTTP(r) {
			b.WriteString("# Over plain http, Python's cookie jar keeps Secure cookies back: pass the session cookie on by hand.\n")
			b.WriteString(fmt.Sprintf("cookie = {%s: login.cookies.get(%s)}\n", pyString(r.Cookie), pyString(r.Cookie)))
			cookies = "cookie"
		}
		pyCall(&b, "r", client, r, cookies)
	} else {
		pyCall(&b, "r", client, r, "")
	}
	b.WriteString("print(r.status_code, r.reason)\n")
	b.WriteString("for name, value in r.headers.items():\n    print(f\"{name}: {value}\")\n")
	b.WriteString("print()\nprint(r.text)\n")
	return b.String()
}

func pyCall(b *strings.Builder, v, client string, r *httpmsg.Request, cookies string) {
	args := []string{pyString(r.URL)}
	headers := r.Header
	body := ""
	if isJSON(r) {
		if lit, err := pyJSON(r.Body); err == nil {
			headers = headersExcept(r, "Content-Type")
			body = "json=" + lit
		}
	}
	if body == "" && r.Body != "" {
		body = "data=" + pyString(r.Body) + ".encode()"
	}
	if len(headers) > 0 {
		var hs []string
		for _, h := range headers {
			hs = append(hs, pyString(h.Name)+": "+pyString(h.Value))
		}
		args = append(args, "headers={"+strings.Join(hs, ", ")+"}")
	}
	if body != "" {
		args = append(args, body)
	}
	if cookies != "" {
		args = append(args, "cookies="+cookies)
	}
	args = append(args, "timeout=10")
	fmt.Fprintf(b, "%s = %s.request(%s, %s)\n", v, client, pyString(method(r)), strings.Join(args, ", "))
}

// pyString writes s as a Python string literal. Go's quoting uses only
// escapes that Python 3 reads the same way.
func pyString(s string) string { return strconv.Quote(s) }

// pyJSON writes a JSON text as the equivalent Python literal, keeping the
// order of object members.
func pyJSON(text string) (string, error) {
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var b bytes.Buffer
	if err := pyValue(d, &b); err != nil {
		return "", err
	}
	if d.More() {
		return "", fmt.Errorf("data after the JSON value")
	}
	return b.String(), nil
}

func pyValue(d *json.Decoder, b *bytes.Buffer) error {
	t, err := d.Token()
	if err != nil {
		return err
	}
	switch v := t.(type) {
	case json.Delim:
		closing := map[json.Delim]string{'{': "}", '[': "]"}[v]
		b.WriteString(string(v))
		for i := 0; d.More(); i++ {
			if i > 0 {
				b.WriteString(", ")
			}
			if v == '{' {
				k, err := d.Token()
				if err != nil {
					return err
				}
				b.WriteString(pyString(k.(string)) + ": ")
			}
			if err := pyValue(d, b); err != nil {
				return err
			}
		}
		if _, err := d.Token(); err != nil {
			return err
		}
		b.WriteString(closing)
	case string:
		b.WriteString(pyString(v))
	case json.Number:
		b.WriteString(v.String())
	case bool:
		b.WriteString(map[bool]string{true: "True", false: "False"}[v])
	case nil:
		b.WriteString("None")
	}
	return nil
}
