package jot_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"errors"
)

func macSHA256(key []byte, input string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(input))
	return m.Sum(nil)
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
