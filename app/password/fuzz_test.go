package password_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/authlab/authlab/app/password"
)

func FuzzDecode(f *testing.F) {
	f.Add("$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE")
	f.Add("$pbkdf2-sha256$i=100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")
	f.Add("$pbkdf2-sha256$i=0$$")
	f.Add("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA")
	f.Add("")
	f.Fuzz(func(t *testing.T, enc string) {
		iter, salt, sum, err := password.Decode(enc)
		if err != nil {
			if !errors.Is(err, password.ErrFormat) {
				t.Fatalf("Decode error %v is not ErrFormat", err)
			}
			return
		}
		if iter < 1 || iter > password.MaxIterations || len(salt) < 8 || len(sum) < 16 {
			t.Fatalf("accepted %d iterations, %d-byte salt, %d-byte hash", iter, len(salt), len(sum))
		}
		i2, s2, d2, err := password.Decode(password.Encode(iter, salt, sum))
		if err != nil || i2 != iter || !bytes.Equal(s2, salt) || !bytes.Equal(d2, sum) {
			t.Fatalf("Encode(Decode(%q)) does not round-trip: %v", enc, err)
		}
		if iter <= 10 && len(sum) <= 64 {
			// Cheap enough to run: a wrong password never matches.
			h := &password.Hasher{}
			if err := h.Check(context.Background(), enc, "\x00not the password"); err != nil && !errors.Is(err, password.ErrMismatch) {
				t.Fatalf("Check: %v", err)
			}
		}
	})
}
