package jot_test

import (
	"errors"
	"testing"

	"github.com/authlab/authlab/app/jot"
)

func TestSetMember(t *testing.T) {
	tests := []struct {
		obj   string
		name  string
		value any
		want  string
		err   error
	}{
		{`{"sub":"a","exp":1}`, "exp", 2, "{\n  \"sub\": \"a\",\n  \"exp\": 2\n}", nil},
		{`{"sub":"a"}`, "jti", "x", "{\n  \"sub\": \"a\",\n  \"jti\": \"x\"\n}", nil},
		{`{"z":1,"a":{"b":[1,2]}}`, "m", true, "{\n  \"z\": 1,\n  \"a\": {\n    \"b\": [\n      1,\n      2\n    ]\n  },\n  \"m\": true\n}", nil},
		{``, "alg", "HS256", "{\n  \"alg\": \"HS256\"\n}", nil},
		{`{}`, "alg", "HS256", "{\n  \"alg\": \"HS256\"\n}", nil},
		{`{"big":12345678901234567890}`, "a", 1, "{\n  \"big\": 12345678901234567890,\n  \"a\": 1\n}", nil},
		{`[1]`, "a", 1, "", jot.ErrJSON},
		{`{"a":}`, "a", 1, "", jot.ErrJSON},
		{`{"a":1} x`, "a", 1, "", jot.ErrJSON},
		{`{"a":1`, "a", 1, "", jot.ErrJSON},
	}
	for _, tt := range tests {
		got, err := jot.SetMember([]byte(tt.obj), tt.name, tt.value)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("SetMember(%s) error %v, want %v", tt.obj, err, tt.err)
			}
			continue
		}
		if err != nil || string(got) != tt.want {
			t.Errorf("SetMember(%s, %s) = %q, %v; want %q", tt.obj, tt.name, got, err, tt.want)
		}
	}
}
