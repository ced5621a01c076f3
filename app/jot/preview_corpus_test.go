//go:build !js

package jot_test

import (
	"bufio"
	"encoding/base64"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// previewCorpus is every pasted token the preview of web/loader.js is held
// to Inspect on: jot's fuzz seeds and fuzz corpus, its Inspect and Clean
// cases, the tokens worker/e2e's preview test pastes, and the places where
// a JavaScript decoder and Go's part ways (duplicate members, a BOM,
// invalid UTF-8, deep nesting, whitespace, prefixes, sizes), each alone and
// in mutations drawn from a fixed seed. A token reaches the page through a
// text field, so it is valid UTF-8.
func previewCorpus(t *testing.T) []string {
	t.Helper()
	good := wbToken(`{"alg":"HS256","typ":"JWT"}`, `{"sub":"1","name":"Grace"}`)
	var tokens []string
	add := func(ts ...string) { tokens = append(tokens, ts...) }
	// JSON text is tried as the header and as the payload.
	addJSON := func(js ...string) {
		for _, j := range js {
			add(wbToken(`{"alg":"HS256"}`, j), wbToken(j, `{}`))
		}
	}

	add(seedTokens(t)...)
	for _, v := range fuzzCorpus(t) {
		add(v)
		addJSON(v)
	}
	for _, c := range brokenSegmentCases() {
		add(c.token)
	}
	for _, c := range shapeCases() {
		add(c.token)
	}
	for _, in := range cleanInputs {
		add(in, strings.ReplaceAll(in, cleanTok, good))
	}
	addJSON(flatCases...)
	addJSON(previewJSON...)
	add(e2ePreviewTokens...)
	add(pasted(good)...)
	add(shapes(good)...)
	add(sizes()...)

	r := rand.New(rand.NewPCG(7515, 8259))
	for _, j := range append(append([]string{}, flatCases...), previewJSON...) {
		for range 8 {
			addJSON(mutate(r, j, jsonBytes))
		}
	}
	for _, p := range pasted(good) {
		add(mutate(r, p, tokenBytes), mutate(r, p, tokenBytes))
	}

	seen := map[string]bool{}
	out := tokens[:0]
	for _, tok := range tokens {
		tok = strings.ToValidUTF8(tok, "\uFFFD")
		if !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	}
	return out
}

// fuzzCorpus reads the string and []byte values of every file of
// testdata/fuzz.
func fuzzCorpus(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fuzz corpus in testdata/fuzz (%v)", err)
	}
	var values []string
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			for _, typ := range []string{"string(", "[]byte("} {
				if q, ok := strings.CutPrefix(line, typ); ok {
					v, err := strconv.Unquote(strings.TrimSuffix(q, ")"))
					if err != nil {
						t.Fatalf("%s: %q: %v", name, line, err)
					}
					values = append(values, v)
				}
			}
		}
		f.Close()
	}
	return values
}

// e2ePreviewTokens are the tokens TestJWTPreviewBeforeWasm pastes into the
// preview in a browser.
var e2ePreviewTokens = []string{
	"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi!.sig",
	"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In1=.sig",
	"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In1.sig",
	"eyJhbGciOiJIUzI1NiJ9._w.sig",
	"eyJhbGciOiJIUzI1NiJ9.WzFd.sig",
	"eyJhbGciOiJIUzI1NiJ9.eyJhIjoxLCJhIjoyfQ.sig",
	"Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwibmFtZSI6IkdyYWNlIEhvcHBlciIsImV4cCI6NDEwMjQ0NDgwMH0.1msHXOOpVXloH_yadtQ2GD3q86jJP7f5gEpwFUIDeI8",
}

// previewJSON is JSON text on which JSON.parse and Go part ways, or that
// the preview's re-indenting must write as json.Indent does.
var previewJSON = []string{
	// Duplicate member names (RFC 7515 §5.2 step 4), and near misses.
	`{"a":1,"a":2}`, `{"a":1,"\u0061":2}`, `{"a":1,"b":{"a":2}}`, `{"a":[{"b":1,"b":2}]}`,
	`{"a":{"b":1,"c":{"b":2}},"b":3}`, `{"":1,"":2}`, `{"a\"":1,"a\u0022":2}`, `{"a\\":1,"a\\\\":2}`,
	`{"\ud800":1,"\udbff":2}`, `{"\ud800":1,"\ufffd":2}`, `{"\ud800\udc00":1,"𐀀":2}`, `{"\udc00x":1,"\ud800x":2}`,
	`{"__proto__":1,"__proto__":2}`, `{"__proto__":{"a":1}}`, `{"constructor":1,"toString":2}`,
	`{"a":1,"A":2,"a ":3}`, manyMembers(20, ""), manyMembers(20, "k3"), manyMembers(17, "k16"),
	`{"alg":"HS256","alg":"none"}`, `{"a":"b","c":"a","a":"d"}`, `{"a":["a","a"]}`,
	// A byte order mark, inside and around the text.
	"\ufeff{}", "{}\ufeff", `{"a":"` + "\ufeff" + `"}`, "{\"\ufeff\":1}", `{"a":"\ufeff"}`,
	"{\"\ufeff\\u0061\":1,\"a\":2}", "{\"\ufeffa\":1,\"\\ufeffa\":2}",
	// Invalid and unusual UTF-8.
	"{\"a\":\"\xff\"}", "{\"a\":\"\xc0\xaf\"}", "{\"a\":\"\xed\xa0\x80\"}", "{\"a\":\"\xf4\x90\x80\x80\"}",
	"{\"a\":\"\xe2\x82\"}", "{\"a\":\"😀\"}", "{\"\xff\":1}", "\xef\xbb\xbf{}",
	// Nesting around MaxDepth, and brackets in strings.
	nested("[", "]", 64), nested("[", "]", 65), nested("[", "]", 1000),
	nested(`{"a":`, "}", 64), nested(`{"a":`, "}", 65), nested(`{"a":`, "}", 1000),
	`{"a":"` + strings.Repeat("[{", 100) + `"}`, `{"a":"\"[[["}`,
	// Whitespace: JSON's four, and others.
	"{}\n", " {}", "{\"a\" :\t1 }\r\n \t", "\n{\n}\n", "{ }", `{"a":[ ],"b":{ },"c":[ 1 , 2 ]}`,
	"{}\u00a0", "{}\v", "{}\f", "\u00a0{}", "{\"a\":1\u2028}", "{\"a\":\"\u2028\u2029\"}", "{}\x00",
	// Numbers, escapes and literals.
	`{"a":1e400}`, `{"a":-0}`, `{"a":0.1e-999}`, `{"a":123456789012345678901234567890}`, `{"a":1.0E+2}`,
	`{"a":"\/\b\f\n\r\t\u0000"}`, `{"a":"\x"}`, `{"a":"\u12"}`, "{\"a\":\"tab\there\"}", `{"<":"&>"}`,
	`{"a":true,"b":false,"c":null}`, `{"a":True}`, `{"a":NaN}`, `{"a":Infinity}`, `{'a':1}`, `{a:1}`,
	// Not an object.
	`[]`, `[{}]`, `"{}"`, `1`, `true`, `null`, ` `, "{}}", "{}{}", "{}[]", "//\n{}", "{/**/}",
}

// manyMembers is an object of n members k0…, and a last one named dup when
// dup is not "".
func manyMembers(n int, dup string) string {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		b.WriteString(`"k` + strconv.Itoa(i) + `":` + strconv.Itoa(i) + ",")
	}
	if dup != "" {
		b.WriteString(`"` + dup + `":0,`)
	}
	b.WriteString(`"end":0}`)
	return b.String()
}

// nested is an object holding depth-1 levels of open … close, so that the
// deepest value is depth levels down.
func nested(open, close string, depth int) string {
	inner := strings.Repeat(open, depth-1) + "1" + strings.Repeat(close, depth-1)
	if open == "[" {
		inner = strings.Repeat(open, depth-1) + strings.Repeat(close, depth-1)
	}
	return `{"x":` + inner + `}`
}

// spaces are characters that Go's strings.TrimSpace or JavaScript's trim
// strip, or both, or neither.
var spaces = []string{" ", "\t", "\n", "\r", "\v", "\f", "\u0085", "\u00a0", "\u1680", "\u2000", "\u200a",
	"\u200b", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\u180e", "\ufeff", "\x1c", "\x00"}

// pasted is token as people paste it, with prefixes, quotes and spaces.
func pasted(token string) []string {
	out := []string{
		"Bearer " + token, "bearer  " + token, "BEARER\t" + token, "Bearer\t" + token, "Bearer" + token,
		"Bearer\u00a0" + token, "Bearer Bearer " + token, "Basic " + token, "X-Token: " + token, ":" + token,
		"Proxy-Authorization: Bearer " + token, "Authorization:Bearer:" + token, "Authorization : bearer " + token,
		"AUTHORİZATİON: " + token, "Authorization: Bearer " + token + "\r\nHost: x", `"'` + token + `'"`,
		"`Bearer " + token + "`", token + " trailing", `"Bearer "` + token, "Bearer", "Bearer ", "bearer x",
		"Authorization:", "Authorization: Bearer ", `""`, "''", "``", `" "`, "Bearer \"\"", "\"\"Bearer ",
	}
	for _, s := range spaces {
		out = append(out, s, s+s+s, s+token, token+s, "Bearer "+s+token, s+"Bearer "+token, `"`+s+token+`"`,
			"Authorization:"+s+"Bearer "+token, "Authorization"+s+": Bearer "+token, "Bearer"+s+token)
	}
	return out
}

// shapes are tokens with too few, too many or broken segments.
func shapes(good string) []string {
	parts := strings.Split(good, ".")
	h, p := parts[0], parts[1]
	std := base64.RawStdEncoding.EncodeToString([]byte(`{"a":"???>>>"}`))
	return []string{
		".", "..", "...", "....", "a..", "..a", good + ".", good + "..", good + ".e30", h, h + ".", h + "." + p,
		h + ".." + parts[2], "." + p + ".", h + ".a2V5.aXY.Y2lwaGVy.dGFn", "!!.a2V5.aXY.Y2lwaGVy.dGFn",
		h + ".x.y.z.w.v", h + "." + p + ".!", h + "." + p + ".A", h + "." + p + ".AB", h + "." + p + ".AA==",
		h + "." + p + ".+/", h + "." + p + ".AAAA", h + "." + p + ".-_-_", h + "=." + p + ".", h + "." + p + "=.",
		h + "." + std + ".", h + "." + p + "\r\n.", h + ". " + p + ".", "\u00e9" + good, h + "." + p + ".\u00e9",
		strings.Repeat(".", 1000), strings.Repeat("a.", 500),
	}
}

// sizes are tokens at MaxTokenSize and past it, counted in bytes, with the
// header that Inspect still decodes in a token too large.
func sizes() []string {
	big := func(n int) string { return `{"a":"` + strings.Repeat("x", n) + `"}` }
	seg := func(s string) string { return b64.EncodeToString([]byte(s)) }
	h := seg(`{"alg":"HS256"}`)
	var out []string
	for _, size := range []int{64<<10 - 1, 64 << 10, 64<<10 + 1, 70000} {
		out = append(out, sized(h, size))
	}
	// Headers of 8192 and 8196 characters, in a token too large.
	for _, n := range []int{6144, 6147} {
		const open, close = `{"alg":"HS256","x":"`, `"}`
		hh := seg(open + strings.Repeat("y", n-len(open)-len(close)) + close)
		out = append(out, hh+"."+seg(big(60000))+".")
	}
	return append(out,
		"!!!."+seg(big(60000))+".",
		h+"."+seg(big(40000))+"."+strings.Repeat("\u00e9", 7000), // over 64 KiB in bytes, not in UTF-16
		strings.Repeat("\u00e9", 33000), strings.Repeat(".", 70000), "Bearer "+sized(h, 64<<10),
	)
}

// sized is a token of exactly size bytes whose header is h.
func sized(h string, size int) string {
	for n := size * 3 / 4; n > 0; n-- {
		tok := h + "." + b64.EncodeToString([]byte(`{"a":"`+strings.Repeat("x", n)+`"}`)) + "."
		if k := size - len(tok); k >= 0 && k%4 != 1 && k < 8 {
			return tok + strings.Repeat("A", k)
		}
	}
	panic("no token of that size")
}

// The bytes that mutate inserts.
var (
	jsonBytes  = []string{`\u0061`, `\ud800`, `\udc00`, `\"`, `\\`, `\u00`, "\ufffd", `"a"`, `"a":[],`, "{", "}", "[", "]", `"`, ",", ":", " ", "\t", "\n", `\`, "u", "0", "a", "1", "-", ".", "e", "\ufeff", "\xff", "\xed\xa0\x80", "\u00e9", `"a":1,`}
	tokenBytes = []string{".", " ", "=", "+", "/", "-", "_", "A", "\"", ":", "\ufeff", "\u0085", "\u00a0", "\r\n", "Bearer "}
)

// mutate changes s once or twice: a byte dropped, one of alphabet
// inserted, or a span repeated.
func mutate(r *rand.Rand, s string, alphabet []string) string {
	for range 1 + r.IntN(2) {
		i := 0
		if len(s) > 0 {
			i = r.IntN(len(s) + 1)
		}
		switch r.IntN(3) {
		case 0:
			if i < len(s) {
				s = s[:i] + s[i+1:]
			}
		case 1:
			s = s[:i] + alphabet[r.IntN(len(alphabet))] + s[i:]
		default:
			j := min(len(s), i+r.IntN(8))
			s = s[:j] + s[i:j] + s[j:]
		}
	}
	return s
}
