package jsserve

import (
	"net/url"
	"reflect"
	"testing"
)

func TestPlainURL(t *testing.T) {
	for _, tc := range []struct {
		raw   string
		plain bool
	}{
		{"http://localhost:8787/api/protected", true},
		{"https://authlab.example/oauth/authorize?response_type=code&state=a%20b", true},
		{"http://127.0.0.1:8787/api/data?", true},
		{"https://a.example/", true},
		{"https://a.example/p;v=1/@x:y,z+$&=~_.-", true},
		{"http://localhost:8787/api/%70rotected", false}, // an escape: Path differs from the raw path
		{"http://localhost:8787/a b", false},             // would be escaped again: RawPath
		{"http://localhost:8787/a!b", false},
		{"http://localhost:8787/a?b#frag", false},
		{"http://user:pass@localhost/x", false},
		{"http://[::1]:8787/x", false},
		{"http://Localhost/x", false},
		{"http://localhost:/x", false},
		{"http://localhost:port/x", false},
		{"http://localhost", false},
		{"http:///x", false},
		{"ftp://localhost/x", false},
		{"http://localhost/x?a\x7fb", false},
		{"http://localhost/x\ty", false},
	} {
		u := plainURL(tc.raw)
		if (u != nil) != tc.plain {
			t.Errorf("plainURL(%q) = %v, want plain %v", tc.raw, u, tc.plain)
			continue
		}
		got, gotErr := requestURL(tc.raw)
		want, wantErr := url.Parse(tc.raw)
		if (gotErr == nil) != (wantErr == nil) || !reflect.DeepEqual(got, want) {
			t.Errorf("requestURL(%q) = %#v, %v; url.Parse gives %#v, %v", tc.raw, got, gotErr, want, wantErr)
		}
	}
}

// FuzzRequestURL: the URL is the client's. Whatever plainURL accepts must
// parse exactly as url.Parse parses it.
func FuzzRequestURL(f *testing.F) {
	for _, s := range []string{
		"http://localhost:8787/api/protected",
		"https://authlab.example/oauth/authorize?response_type=code&state=xyz",
		"http://127.0.0.1:8787/api/data?",
		"https://a.example/p;v=1/@x:y,z+$&=~_.-?q=%zz#f",
		"http://localhost:8787//double//slash?a?b",
		"http://x:/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u := plainURL(raw)
		if u == nil {
			return
		}
		want, err := url.Parse(raw)
		if err != nil {
			t.Fatalf("plainURL(%q) accepted what url.Parse refuses: %v", raw, err)
		}
		if !reflect.DeepEqual(u, want) {
			t.Fatalf("plainURL(%q) = %#v, url.Parse gives %#v", raw, u, want)
		}
		if u.String() != raw {
			t.Fatalf("plainURL(%q).String() = %q", raw, u.String())
		}
	})
}

// BenchmarkRequestURL compares the plain shape's split with url.Parse,
// on the URL of a typical API request.
func BenchmarkRequestURL(b *testing.B) {
	const raw = "http://localhost:8787/api/protected"
	b.Run("requestURL", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := requestURL(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("url.Parse", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := url.Parse(raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
