// Package password hashes and checks passwords with PBKDF2-HMAC-SHA256
// (RFC 8018 §5.2), encoded in the PHC string format
// "$pbkdf2-sha256$i=<iterations>$<salt>$<hash>" with unpadded standard base64.
// The key derivation is pluggable, so the worker can use WebCrypto and native
// code crypto/pbkdf2 while both read and write the same encoding.
package password

import (
	"context"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentinel errors.
var (
	ErrFormat   = errors.New("password hash is not in the pbkdf2-sha256 PHC format")
	ErrMismatch = errors.New("password does not match")
	ErrWeak     = errors.New("password is too weak")
)

// Parameters. Iterations is capped by workerd's WebCrypto at 100,000.
const (
	DefaultIterations = 100_000
	MaxIterations     = 100_000
	SaltSize          = 16
	KeySize           = 32
	MinLength         = 8
	MaxLength         = 1024
)

// DeriveFunc derives keyLen bytes with PBKDF2-HMAC-SHA256.
type DeriveFunc func(ctx context.Context, password, salt []byte, iterations, keyLen int) ([]byte, error)

// Native derives with crypto/pbkdf2.
func Native(_ context.Context, password, salt []byte, iterations, keyLen int) ([]byte, error) {
	return pbkdf2.Key(sha256.New, string(password), salt, iterations, keyLen)
}

// Hasher hashes and checks passwords. The zero value uses DefaultIterations,
// crypto/rand and Native.
type Hasher struct {
	Iterations int
	Rand       io.Reader
	Derive     DeriveFunc
}

func (h *Hasher) iterations() int {
	if h.Iterations > 0 {
		return h.Iterations
	}
	return DefaultIterations
}

func (h *Hasher) derive() DeriveFunc {
	if h.Derive != nil {
		return h.Derive
	}
	return Native
}

// Hash returns the PHC encoding of a fresh salted hash of password.
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if n := h.iterations(); n > MaxIterations {
		// Decode refuses such a hash, so it could never be checked.
		return "", fmt.Errorf("%w: %d iterations, at most %d", ErrFormat, n, MaxIterations)
	}
	salt := make([]byte, SaltSize)
	r := h.Rand
	if r == nil {
		r = rand.Reader
	}
	if _, err := io.ReadFull(r, salt); err != nil {
		return "", fmt.Errorf("salt: %w", err)
	}
	sum, err := h.derive()(ctx, []byte(password), salt, h.iterations(), KeySize)
	if err != nil {
		return "", err
	}
	return Encode(h.iterations(), salt, sum), nil
}

// Check compares password with an encoded hash in constant time. It returns
// nil on a match, ErrMismatch otherwise, or ErrFormat for a broken hash.
func (h *Hasher) Check(ctx context.Context, encoded, password string) error {
	iter, salt, want, err := Decode(encoded)
	if err != nil {
		return err
	}
	got, err := h.derive()(ctx, []byte(password), salt, iter, len(want))
	if err != nil {
		return err
	}
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}

// NeedsRehash reports whether encoded was made with another iteration count
// than h makes, or cannot be read: after a successful Check, hashing the
// password again moves the account to the current count. Lowering the count
// to fit a CPU limit thus reaches old accounts at their next login, and
// raising it strengthens them.
func (h *Hasher) NeedsRehash(encoded string) bool {
	iter, _, _, err := Decode(encoded)
	return err != nil || iter != h.iterations()
}

// Encode writes the PHC string.
func Encode(iterations int, salt, sum []byte) string {
	b := base64.RawStdEncoding
	return "$pbkdf2-sha256$i=" + strconv.Itoa(iterations) + "$" + b.EncodeToString(salt) + "$" + b.EncodeToString(sum)
}

// Decode reads a PHC string written by Encode.
func Decode(encoded string) (iterations int, salt, sum []byte, err error) {
	f := strings.Split(encoded, "$")
	if len(f) != 5 || f[0] != "" || f[1] != "pbkdf2-sha256" || !strings.HasPrefix(f[2], "i=") {
		return 0, nil, nil, ErrFormat
	}
	iterations, err = strconv.Atoi(f[2][2:])
	if err != nil || iterations < 1 || iterations > MaxIterations {
		return 0, nil, nil, fmt.Errorf("%w: iterations %q", ErrFormat, f[2][2:])
	}
	b := base64.RawStdEncoding.Strict()
	if salt, err = b.DecodeString(f[3]); err != nil || len(salt) < 8 {
		return 0, nil, nil, fmt.Errorf("%w: salt", ErrFormat)
	}
	if sum, err = b.DecodeString(f[4]); err != nil || len(sum) < 16 {
		return 0, nil, nil, fmt.Errorf("%w: hash", ErrFormat)
	}
	return iterations, salt, sum, nil
}

// Validate checks a new password's length: at least MinLength characters
// and at most MaxLength bytes.
func Validate(password string) error {
	if n := len([]rune(password)); n < MinLength {
		return fmt.Errorf("%w: use at least %d characters", ErrWeak, MinLength)
	}
	if len(password) > MaxLength {
		return fmt.Errorf("%w: use at most %d bytes", ErrWeak, MaxLength)
	}
	return nil
}
