package basic_test

import (
	"errors"
	"fmt"

	"github.com/authlab/authlab/app/basic"
)

// The credentials of RFC 7617 §2, and of §2.1 with a non-ASCII password.
func ExampleEncode() {
	fmt.Println(basic.Encode("Aladdin", "open sesame"))
	fmt.Println(basic.Encode("test", "123£"))
	_, err := basic.Encode("a:b", "c")
	fmt.Println(errors.Is(err, basic.ErrColonInUser))
	// Output:
	// QWxhZGRpbjpvcGVuIHNlc2FtZQ== <nil>
	// dGVzdDoxMjPCow== <nil>
	// true
}

func ExampleHeader() {
	h, _ := basic.Header("Aladdin", "open sesame")
	fmt.Println("Authorization:", h)
	// Output:
	// Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
}

// The user-id ends at the first colon: the password may hold more.
func ExampleDecode() {
	c, _ := basic.Decode("YWRhOnBhOnNz")
	fmt.Printf("%q %q\n", c.User, c.Password)

	c, _ = basic.Decode("YWRhOmEJYg==") // a tab in the password
	fmt.Println(c.Warnings)

	_, err := basic.Decode("YWRh")
	fmt.Println(err)
	_, err = basic.Decode("YWRh-_")
	fmt.Println(errors.Is(err, basic.ErrBase64))
	// Output:
	// "ada" "pa:ss"
	// [credentials contain a control character: U+0009]
	// decoded credentials have no colon between user-id and password
	// true
}

func ExampleParseAuthorization() {
	a, _ := basic.ParseAuthorization("Bearer mF_9.B5f-4.1JqM")
	fmt.Printf("%s %s\n", a.Scheme, a.Token68)

	a, _ = basic.ParseAuthorization(`Digest username="Mufasa", realm="http-auth@example.org", nc=00000001`)
	fmt.Println(a.Scheme, a.Params["username"], a.Params["realm"], a.Params["nc"])

	_, err := basic.ParseAuthorization("Basic YTpi, Bearer abc")
	fmt.Println(errors.Is(err, basic.ErrSyntax))
	// Output:
	// Bearer mF_9.B5f-4.1JqM
	// Digest Mufasa http-auth@example.org 00000001
	// true
}

// The scheme is matched in any case (RFC 7235 §2.1).
func ExampleAuthorization_Basic() {
	a, _ := basic.ParseAuthorization("basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
	c, _ := a.Basic()
	fmt.Println(a.IsBasic(), c.User, c.Password)

	a, _ = basic.ParseAuthorization("Bearer abc")
	_, err := a.Basic()
	fmt.Println(a.IsBasic(), err)
	// Output:
	// true Aladdin open sesame
	// false scheme is not Basic: "Bearer"
}

// The challenge of RFC 7617 §2.1.
func ExampleChallenge() {
	fmt.Println("WWW-Authenticate:", basic.Challenge("WallyWorld"))
	fmt.Println("WWW-Authenticate:", basic.Challenge(`the "lab"`))
	// Output:
	// WWW-Authenticate: Basic realm="WallyWorld", charset="UTF-8"
	// WWW-Authenticate: Basic realm="the \"lab\"", charset="UTF-8"
}
