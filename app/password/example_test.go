package password_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/password"
)

func ExampleHasher_Hash() {
	ctx := context.Background()
	h := &password.Hasher{Iterations: 1000} // production uses DefaultIterations
	encoded, err := h.Hash(ctx, "correct horse battery staple")
	if err != nil {
		fmt.Println(err)
		return
	}
	// The salt and hash are random; the scheme and parameters are not.
	fields := strings.Split(encoded, "$")
	fmt.Println(fields[1], fields[2])
	fmt.Println(h.Check(ctx, encoded, "correct horse battery staple"))
	fmt.Println(h.Check(ctx, encoded, "Tr0ub4dor&3"))
	// Output:
	// pbkdf2-sha256 i=1000
	// <nil>
	// password does not match
}
