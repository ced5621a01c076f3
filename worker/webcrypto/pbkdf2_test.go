//go:build js && wasm

package webcrypto_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/authlab/authlab/app/password"
	"github.com/authlab/authlab/worker/webcrypto"
)

// TestPBKDF2MatchesNative checks that WebCrypto and crypto/pbkdf2 derive the
// same bytes, so hashes written by one verify under the other.
func TestPBKDF2MatchesNative(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, password, salt string
		iterations, keyLen   int
	}{
		{"short", "passwd", "salt", 1, 64},
		{"unicode", "pässwörd ✓", "0123456789abcdef", 1000, 32},
		{"empty password", "", "saltsalt", 10, 32},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := webcrypto.PBKDF2(ctx, []byte(tc.password), []byte(tc.salt), tc.iterations, tc.keyLen)
			if err != nil {
				t.Fatal(err)
			}
			want, err := password.Native(ctx, []byte(tc.password), []byte(tc.salt), tc.iterations, tc.keyLen)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("webcrypto %x, native %x", got, want)
			}
		})
	}
}

// TestHashesCrossVerify hashes with one derivation and checks with the other.
func TestHashesCrossVerify(t *testing.T) {
	ctx := context.Background()
	web := &password.Hasher{Iterations: 2000, Derive: webcrypto.PBKDF2}
	native := &password.Hasher{Iterations: 2000}
	h, err := web.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if err := native.Check(ctx, h, "correct horse battery"); err != nil {
		t.Fatalf("native check of a WebCrypto hash: %v", err)
	}
	h, err = native.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if err := web.Check(ctx, h, "correct horse battery"); err != nil {
		t.Fatalf("WebCrypto check of a native hash: %v", err)
	}
	if err := web.Check(ctx, h, "wrong horse battery"); err != password.ErrMismatch {
		t.Fatalf("wrong password: got %v, want ErrMismatch", err)
	}
}
