package jot_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/authlab/authlab/app/jot"
)

// budget is how long the workbench may take to answer any input.
const budget = 100 * time.Millisecond

// hostile lists inputs meant to make a decoder hang, allocate without
// bound, recurse too deep or panic.
func hostile() []struct {
	name, token string
	want        error
} {
	e := base64.RawURLEncoding
	deep := strings.Repeat("[", 10000) + strings.Repeat("]", 10000)
	deepObj := strings.Repeat(`{"":`, 6000) + strings.Repeat("[", 4000) + strings.Repeat("]", 4000) + strings.Repeat("}", 6000)
	header := e.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	return []struct {
		name, token string
		want        error
	}{
		{"a megabyte token", header + "." + strings.Repeat("A", 1<<20) + ".sig", jot.ErrTooLarge},
		{"a megabyte of garbage", strings.Repeat("\xff", 1<<20), jot.ErrTooLarge},
		{"a million dots", strings.Repeat(".", 1_000_000), jot.ErrTooLarge},
		{"sixty thousand dots", strings.Repeat(".", 60_000), jot.ErrSegmentCount},
		{"just under the size limit", header + "." + e.EncodeToString([]byte(`{"a":"`+strings.Repeat("x", (jot.MaxTokenSize-len(header))*3/4-20)+`"}`)) + ".AA", nil},
		{"many small claims", header + "." + e.EncodeToString([]byte(`{"a":[`+strings.Repeat(`{"b":1},`, 5000)+`0]}`)) + ".AA", nil},
		{"invalid UTF-8 in the token", header + ".\xff\xfe.AA", jot.ErrBase64},
		{"invalid UTF-8 in the payload", header + "." + e.EncodeToString([]byte("{\"a\":\"\xff\"}")) + ".AA", jot.ErrUTF8},
		{"payload nested 10,000 deep", header + "." + e.EncodeToString([]byte(`{"a":`+deep+`}`)) + ".AA", jot.ErrJSON},
		{"objects nested 10,000 deep", header + "." + e.EncodeToString([]byte(deepObj)) + ".AA", jot.ErrJSON},
		{"header nested 10,000 deep", e.EncodeToString([]byte(`{"alg":`+deep+`}`)) + ".e30.AA", jot.ErrJSON},
		{"a long string of brackets", header + "." + e.EncodeToString([]byte(`{"a":"`+deep+`"}`)) + ".AA", nil},
	}
}

// TestHostileInput checks that Inspect, Lint, Check and Verify all answer
// every hostile input with a sentinel error, within the budget.
func TestHostileInput(t *testing.T) {
	km := jot.ReadKey(strings.Repeat("k", 32), jot.SecretUTF8)
	for _, tt := range hostile() {
		t.Run(tt.name, func(t *testing.T) {
			var in *jot.Inspection
			elapsed := fastest(func() {
				in = jot.Inspect(tt.token)
				jot.Lint(in, jot.LintConfig{Secret: []byte("k"), SecretText: "k"})
				jot.Check(in, km)
			})
			if elapsed > budget {
				t.Errorf("Inspect+Lint+Check took %v, the budget is %v", elapsed, budget)
			}
			if tt.want == nil {
				if in.Err() != nil {
					t.Fatalf("Inspect: %v", in.Err())
				}
				return
			}
			if !errors.Is(in.Err(), tt.want) {
				t.Fatalf("Inspect: %v, want %v", in.Err(), tt.want)
			}
			if len(in.Err().Error()) > 300 {
				t.Errorf("message of %d bytes: it should be short", len(in.Err().Error()))
			}
			verifyTime := fastest(func() {
				if _, err := jot.Verify(tt.token, jot.KeySet{}); err == nil {
					t.Error("Verify accepted it")
				}
			})
			if verifyTime > budget {
				t.Errorf("Verify took %v", verifyTime)
			}
		})
	}
}

func TestTooLargeSaysHowLarge(t *testing.T) {
	in := jot.Inspect(`eyJhbGciOiJIUzI1NiJ9.` + strings.Repeat("A", 1<<20))
	if msg := in.Err().Error(); !strings.Contains(msg, "1.0 MiB") || !strings.Contains(msg, "64 KiB") {
		t.Errorf("message %q", msg)
	}
	// The header of an oversized token is still read: it says what it is.
	if in.Alg() != "HS256" {
		t.Errorf("header %v", in.Header)
	}
	if _, err := jot.SignJSON([]byte(`{"alg":"HS256"}`), []byte(`{"a":"`+strings.Repeat("x", jot.MaxTokenSize)+`"}`), nil); !errors.Is(err, jot.ErrTooLarge) {
		t.Errorf("SignJSON: %v", err)
	}
}

// fastest runs f five times and returns its shortest run, so that a
// busy machine does not fail the budget.
func fastest(f func()) time.Duration {
	best := time.Duration(1<<63 - 1)
	for range 5 {
		start := time.Now()
		f()
		best = min(best, time.Since(start))
	}
	return best
}

// TestDuplicateMembers checks the one-pass duplicate scan on the shapes a
// token-based decoder could be confused by (RFC 7515 §5.2 step 4).
func TestDuplicateMembers(t *testing.T) {
	e := base64.RawURLEncoding
	header := e.EncodeToString([]byte(`{"alg":"HS256"}`))
	many := `{`
	for i := range 40 {
		many += `"m` + strings.Repeat("x", i) + `":0,`
	}
	tests := []struct {
		payload string
		dup     bool
	}{
		{`{"a":1,"b":{"a":2}}`, false},
		{`{"a":1,"\u0061":2}`, true},
		{`{"a\"b":1,"a\"b":2}`, true},
		{`{"a":"\"a\":","b":1}`, false},
		{`{"a":[{"x":1},{"x":2}]}`, false},
		{`{"a":[{"x":1,"x":2}]}`, true},
		{many + `"m":1}`, true},
		{many + `"n":1}`, false},
	}
	for _, tt := range tests {
		in := jot.Inspect(header + "." + e.EncodeToString([]byte(tt.payload)) + ".")
		if got := errors.Is(in.Err(), jot.ErrJSON); got != tt.dup {
			t.Errorf("%s: error %v, want duplicate %v", tt.payload, in.Err(), tt.dup)
		}
	}
}
