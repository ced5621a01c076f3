package d1

import (
	"database/sql/driver"
	"encoding/json"
	"reflect"
	"testing"
)

func TestParseRows(t *testing.T) {
	tests := []struct {
		name string
		text string
		cols []string
		rows [][]driver.Value
	}{
		{"empty", `[]`, nil, nil},
		{"columns only", `[["id","name"]]`, []string{"id", "name"}, nil},
		{"values", `[["i","f","s","n","b"],[1,1.5,"a\"b\\c\n\u00e9\ud83d\ude00",null,{"b64":"AAEC"}],[-9007199254740991,1e+21,"",null,{"b64":""}]]`,
			[]string{"i", "f", "s", "n", "b"},
			[][]driver.Value{
				{int64(1), 1.5, "a\"b\\c\né😀", nil, []byte{0, 1, 2}},
				{int64(-9007199254740991), 1e21, "", nil, []byte{}},
			}},
		{"lone surrogates", `[["s"],["\ud83d x \ude00"]]`, []string{"s"}, [][]driver.Value{{"\ufffd x \ufffd"}}},
		{"integral float", `[["n"],[2.0]]`, []string{"n"}, [][]driver.Value{{int64(2)}}},
		{"spaces", " [ [ \"a\" ] , [ 1 ] ] ", []string{"a"}, [][]driver.Value{{int64(1)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols, rows, err := parseRows([]byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(cols, tt.cols) || !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("got %q %#v, want %q %#v", cols, rows, tt.cols, tt.rows)
			}
		})
	}
}

func TestParseRowsRefuses(t *testing.T) {
	for _, text := range []string{``, `[`, `[[1]]`, `[["a"],[1,2]]`, `[["a"],[x]]`, `[["a"],["\q"]]`, `[["a"]] x`, `[["a"],[{"x":1}]]`, `[["a"],["abc]]`} {
		if _, _, err := parseRows([]byte(text)); err == nil {
			t.Errorf("parseRows(%q) succeeded", text)
		}
	}
}

// TestAppendString checks the argument encoding against encoding/json's
// decoding.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"b\s`, "\x00\x1f\n\r\t", "é😀", "bad \xff utf-8", "<&>\u2028"} {
		var got string
		if err := json.Unmarshal(appendString(nil, s), &got); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		want := string([]rune(s)) // invalid bytes become U+FFFD
		if got != want {
			t.Errorf("round trip of %q gave %q", s, got)
		}
	}
}

func FuzzParseRows(f *testing.F) {
	f.Add([]byte(`[["a","b"],[1,"x"],[null,{"b64":"AA=="}]]`))
	f.Fuzz(func(t *testing.T, text []byte) {
		parseRows(text) // must not panic
	})
}
