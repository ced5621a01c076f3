package password_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/authlab/authlab/app/password"
)

// iterations keeps the tests fast, natively and in wasm.
const iterations = 1000

// TestNativeRFC7914 checks Native against the PBKDF2-HMAC-SHA256 test
// vector of RFC 7914 §11.
func TestNativeRFC7914(t *testing.T) {
	want, _ := hex.DecodeString("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc" +
		"49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
	got, err := password.Native(context.Background(), []byte("passwd"), []byte("salt"), 1, 64)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Native = %x\nwant    %x", got, want)
	}
}

func TestHashCheck(t *testing.T) {
	ctx := context.Background()
	h := &password.Hasher{Iterations: iterations}
	const pw = "correct horse battery staple"
	enc, err := h.Hash(ctx, pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$pbkdf2-sha256$i=1000$") {
		t.Errorf("Hash = %q", enc)
	}
	tests := []struct {
		name    string
		pw      string
		wantErr error
	}{
		{"same password", pw, nil},
		{"other password", "correct horse battery stapler", password.ErrMismatch},
		{"different case", strings.ToUpper(pw), password.ErrMismatch},
		{"empty", "", password.ErrMismatch},
		{"prefix", pw[:8], password.ErrMismatch},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := h.Check(ctx, enc, tt.pw)
			if !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
				t.Fatalf("Check = %v, want %v", err, tt.wantErr)
			}
		})
	}
	// A hasher with other settings still checks the stored parameters.
	if err := (&password.Hasher{}).Check(ctx, enc, pw); err != nil {
		t.Errorf("the zero Hasher does not check a 1000-iteration hash: %v", err)
	}
	// Each hash has its own salt.
	again, err := h.Hash(ctx, pw)
	if err != nil || again == enc {
		t.Errorf("two hashes of one password: %q, %q (%v)", enc, again, err)
	}
}

// TestHashEncoding pins the randomness and checks every field of the PHC
// string against values computed here with crypto/pbkdf2 and
// encoding/base64.
func TestHashEncoding(t *testing.T) {
	ctx := context.Background()
	salt := bytes.Repeat([]byte{0x5a}, password.SaltSize)
	h := &password.Hasher{Iterations: iterations, Rand: bytes.NewReader(salt)}
	enc, err := h.Hash(ctx, "pässwörd")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := password.Native(ctx, []byte("pässwörd"), salt, iterations, password.KeySize)
	if err != nil {
		t.Fatal(err)
	}
	want := "$pbkdf2-sha256$i=1000$" + base64.RawStdEncoding.EncodeToString(salt) + "$" + base64.RawStdEncoding.EncodeToString(sum)
	if enc != want {
		t.Fatalf("Hash = %q\nwant   %q", enc, want)
	}
	it, s, d, err := password.Decode(enc)
	if err != nil || it != iterations || !bytes.Equal(s, salt) || !bytes.Equal(d, sum) {
		t.Errorf("Decode = %d, %x, %x, %v", it, s, d, err)
	}
}

// TestDerivePluggable checks that a custom DeriveFunc, such as the
// worker's WebCrypto one, gets the parameters, and that its errors pass
// through.
func TestDerivePluggable(t *testing.T) {
	ctx := context.Background()
	var calls []int
	h := &password.Hasher{Iterations: 7, Derive: func(_ context.Context, pw, salt []byte, iter, n int) ([]byte, error) {
		if len(salt) != password.SaltSize {
			t.Errorf("salt of %d bytes", len(salt))
		}
		calls = append(calls, iter, n)
		return password.Native(ctx, pw, salt, iter, n)
	}}
	enc, err := h.Hash(ctx, "password1")
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Check(ctx, enc, "password1"); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 4 || calls[0] != 7 || calls[1] != password.KeySize || calls[2] != 7 || calls[3] != password.KeySize {
		t.Errorf("Derive called with %v", calls)
	}
	boom := errors.New("webcrypto unavailable")
	failing := &password.Hasher{Derive: func(context.Context, []byte, []byte, int, int) ([]byte, error) { return nil, boom }}
	if _, err := failing.Hash(ctx, "password1"); !errors.Is(err, boom) {
		t.Errorf("Hash = %v, want %v", err, boom)
	}
	if err := failing.Check(ctx, enc, "password1"); !errors.Is(err, boom) {
		t.Errorf("Check = %v, want %v", err, boom)
	}
}

func TestHashRefuses(t *testing.T) {
	ctx := context.Background()
	broken := &password.Hasher{Iterations: iterations, Rand: iotest.ErrReader(errors.New("no entropy"))}
	if enc, err := broken.Hash(ctx, "password1"); err == nil || enc != "" {
		t.Errorf("Hash with failing randomness = %q, %v", enc, err)
	}
	short := &password.Hasher{Iterations: iterations, Rand: bytes.NewReader(make([]byte, password.SaltSize-1))}
	if enc, err := short.Hash(ctx, "password1"); err == nil || enc != "" {
		t.Errorf("Hash with too little randomness = %q, %v", enc, err)
	}
	// A hash that Check would refuse is never written.
	tooMany := &password.Hasher{Iterations: password.MaxIterations + 1}
	if enc, err := tooMany.Hash(ctx, "password1"); !errors.Is(err, password.ErrFormat) || enc != "" {
		t.Errorf("Hash over MaxIterations = %q, %v; want %v", enc, err, password.ErrFormat)
	}
}

func TestDecodeMalformed(t *testing.T) {
	salt := base64.RawStdEncoding.EncodeToString([]byte("saltsalt"))
	sum := base64.RawStdEncoding.EncodeToString(bytes.Repeat([]byte{1}, 32))
	good := "$pbkdf2-sha256$i=1000$" + salt + "$" + sum
	if _, _, _, err := password.Decode(good); err != nil {
		t.Fatalf("control: %v", err)
	}
	for _, enc := range []string{
		"",
		"$",
		"plaintext",
		"pbkdf2-sha256$i=1000$" + salt + "$" + sum,
		"$pbkdf2-sha512$i=1000$" + salt + "$" + sum,
		"$PBKDF2-SHA256$i=1000$" + salt + "$" + sum,
		"$argon2id$v=19$m=65536,t=3,p=4$" + salt + "$" + sum,
		"$pbkdf2-sha256$1000$" + salt + "$" + sum,
		"$pbkdf2-sha256$rounds=1000$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=0$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=-1$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=100001$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=1e3$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=99999999999999999999$" + salt + "$" + sum,
		"$pbkdf2-sha256$i=1000$$" + sum,
		"$pbkdf2-sha256$i=1000$" + salt + "$",
		"$pbkdf2-sha256$i=1000$" + salt,
		good + "$",
		good + "$extra",
		good + "=",
		"$pbkdf2-sha256$i=1000$" + base64.StdEncoding.EncodeToString([]byte("saltsalt")) + "$" + sum,
		"$pbkdf2-sha256$i=1000$" + base64.RawStdEncoding.EncodeToString([]byte("salt")) + "$" + sum,
		"$pbkdf2-sha256$i=1000$" + salt + "$" + base64.RawStdEncoding.EncodeToString(make([]byte, 15)),
		"$pbkdf2-sha256$i=1000$" + base64.RawURLEncoding.EncodeToString([]byte{0xfb, 0xff, 0xfb, 0xff, 0xfb, 0xff, 0xfb, 0xff}) + "$" + sum,
		"$pbkdf2-sha256$i=1000$" + salt + "!$" + sum,
		" " + good,
	} {
		if _, _, _, err := password.Decode(enc); !errors.Is(err, password.ErrFormat) {
			t.Errorf("Decode(%q) = %v, want %v", enc, err, password.ErrFormat)
		}
		if err := (&password.Hasher{}).Check(context.Background(), enc, "password1"); !errors.Is(err, password.ErrFormat) {
			t.Errorf("Check(%q) = %v, want %v", enc, err, password.ErrFormat)
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		pw      string
		wantErr error
	}{
		{"", password.ErrWeak},
		{"1234567", password.ErrWeak},
		{"12345678", nil},
		{"pässwörd", nil},             // 8 characters in 10 bytes
		{"日本語日本語日", password.ErrWeak}, // 7 characters in 21 bytes
		{strings.Repeat("a", password.MaxLength), nil},
		{strings.Repeat("a", password.MaxLength+1), password.ErrWeak},
		{strings.Repeat("é", password.MaxLength/2+1), password.ErrWeak}, // few characters, too many bytes
	}
	for _, tt := range tests {
		err := password.Validate(tt.pw)
		if !errors.Is(err, tt.wantErr) || tt.wantErr == nil && err != nil {
			t.Errorf("Validate(%.20q…) = %v, want %v", tt.pw, err, tt.wantErr)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	old := &password.Hasher{Iterations: 2 * iterations}
	cur := &password.Hasher{Iterations: iterations}
	ctx := context.Background()
	oldHash, err := old.Hash(ctx, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	curHash, err := cur.Hash(ctx, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		h       *password.Hasher
		encoded string
		want    bool
	}{
		{"other count", cur, oldHash, true},
		{"same count", cur, curHash, false},
		{"raised count", old, curHash, true},
		{"zero value against the default", &password.Hasher{}, password.Encode(password.DefaultIterations, make([]byte, 16), make([]byte, 32)), false},
		{"malformed", cur, "$pbkdf2-sha256$i=x$AAAA$AAAA", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.NeedsRehash(tt.encoded); got != tt.want {
				t.Errorf("NeedsRehash = %v, want %v", got, tt.want)
			}
		})
	}
	// The old hash still checks under the current hasher: it records its count.
	if err := cur.Check(ctx, oldHash, "correct horse"); err != nil {
		t.Errorf("Check of a hash with another count: %v", err)
	}
}
