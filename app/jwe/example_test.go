package jwe_test

import (
	"fmt"

	"github.com/authlab/authlab/app/jot"
	"github.com/authlab/authlab/app/jwe"
)

func ExampleDecrypt() {
	// A 16-byte AES key-wrapping key, written in hex as people paste it.
	key := jot.ReadKey("000102030405060708090a0b0c0d0e0f", jot.SecretHex)
	token, err := jwe.Encrypt([]byte(`{"sub":"alice"}`), key, "A128KW", "A128GCM", jwe.EncryptOptions{})
	if err != nil {
		panic(err)
	}
	r, err := jwe.Decrypt(token, key)
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Alg, r.Enc, r.Claims["sub"])
	// Output: A128KW A128GCM alice
}

func ExampleDecryptAuthJS() {
	key, enc, _ := jwe.AuthJSKey("my AUTH_SECRET", jwe.AuthJSV5, "authjs.session-token")
	km := jot.ReadKey(fmt.Sprintf("%x", key), jot.SecretHex)
	cookie, _ := jwe.Encrypt([]byte(`{"email":"ada@example.com"}`), km, "dir", enc, jwe.EncryptOptions{})

	s, err := jwe.DecryptAuthJS(cookie, "my AUTH_SECRET", jwe.AuthJSV5, "authjs.session-token")
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Claims["email"])
	// Output: ada@example.com
}

func ExampleResult_nested() {
	key := jot.ReadKey("0123456789abcdef", jot.SecretUTF8)
	jws := "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.c2ln"
	token, _ := jwe.Encrypt([]byte(jws), key, "A128KW", "A256GCM", jwe.EncryptOptions{Cty: "JWT"})
	r, _ := jwe.Decrypt(token, key)
	// The inner JWS still has to be verified, with jot.Verify.
	fmt.Println(r.Nested, r.Inner == jws)
	// Output: true true
}
