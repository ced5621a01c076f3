package crack_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/attack/crack"
)

func TestCrackHS512AndBadTokens(t *testing.T) {
	in := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS512"}`)) + "." + base64.RawURLEncoding.EncodeToString([]byte(`{}`))
	m := hmac.New(sha512.New, []byte("hunter2"))
	m.Write([]byte(in))
	tok := in + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
	var last int
	got, err := crack.Crack(context.Background(), "Bearer "+tok, []string{"a", "b", "hunter2", "c"}, func(n int) { last = n })
	if err != nil || got != "hunter2" || last != 3 {
		t.Errorf("cracked %q after %d words: %v", got, last, err)
	}
	for _, bad := range []string{"a.b", "!!.e30.c2ln", "WyJ4Il0.e30.c2ln", in + ".!!"} {
		if _, err := crack.Crack(context.Background(), bad, []string{"a"}, nil); !errors.Is(err, crack.ErrToken) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
