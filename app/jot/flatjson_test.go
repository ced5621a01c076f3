package jot_test

import (
	"reflect"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

var flatCases = []string{
	`{}`, ` { } `, `{"alg":"ES256","kid":"k1","typ":"at+jwt"}`,
	`{"aud":"authlab","exp":1795779178,"iat":1795778278,"iss":"http://127.0.0.1:8787","jti":"pBr1TRe0XJ5FOdnIvKIAPg","scope":"profile","sub":"1"}`,
	"{\r\n\t\"a\" : -0.5e+10 ,\"b\":true,\"c\":false,\"d\":null,\"e\":\"é\"}",
	`{"a":1,"a":2}`, `{"a":"\u0061"}`, `{"a\u0061":1,"aa":2}`, `{"a":[1]}`, `{"a":{"b":1}}`,
	`{"a":01}`, `{"a":1.}`, `{"a":1e}`, `{"a":-}`, `{"a":.5}`, `{"a":1x}`, `{"a":tru}`, `{"a":truex}`,
	`{"a":1,}`, `{,}`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{"a":1}x`, `{"a":1}{}`, `{}]`, `{"a":1}}`, `[]`, `null`, `"x"`, ``, `{`,
	"{\"a\":\"\x01\"}", `{"a":"b`, `{"a":1 "b":2}`, `{"a":1E-2,"b":0,"c":-0,"d":123456789012345678901234567890}`,
	`{"sub":"a","sub":"b"}`, `{"s\u0075b":"a","sub":"b"}`, `{"scope":"x","scopes":"y","exp":1,"ex":2,"":3}`, "{\"kid\x01\":1}",
}

// TestParseFlat holds the fast path for flat objects to the full path: the
// same object, or the same error, for every input.
func TestParseFlat(t *testing.T) {
	for _, in := range flatCases {
		t.Run(in, func(t *testing.T) { sameParse(t, []byte(in)) })
	}
}

func FuzzParseFlat(f *testing.F) {
	for _, in := range flatCases {
		f.Add([]byte(in))
	}
	f.Fuzz(sameParse)
}

func sameParse(t *testing.T, raw []byte) {
	got, gotErr := jot.ParseObject(raw)
	want, wantErr := jot.ParseObjectFull(raw)
	if (gotErr == nil) != (wantErr == nil) || gotErr != nil && gotErr.Error() != wantErr.Error() {
		t.Fatalf("%q: error %v, full path %v", raw, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: %#v, full path %#v", raw, got, want)
	}
}
