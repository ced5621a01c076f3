// Package attackfix holds the fix for each mistake of the attack lab, in
// Go (golang-jwt), Python (PyJWT) and JavaScript (jose). The fixes are
// source files, kept here as they are shown: the package's tests compile
// and run each one against the attack tokens of its mistake, which it
// must refuse, and a good token, which it must accept.
package attackfix

import (
	"embed"
	"fmt"
)

//go:embed gofix/pinned.go gofix/typed.go gofix/secret.go py/*.py js/*.mjs
var files embed.FS

// Fix is one verifier written three ways.
type Fix struct {
	Name           string // "pinned", "typed" or "secret"
	Go, Python, JS string // the source files
}

// Names of the fixes.
const (
	// Pinned verifies with the API's own key and one algorithm, and
	// checks exp, iss and aud: it answers every key, algorithm and claims
	// mistake.
	Pinned = "pinned"
	// Typed is Pinned, and the token must be an access token (typ).
	Typed = "typed"
	// Secret makes a random HMAC secret as long as the hash, and refuses a
	// shorter one.
	Secret = "secret"
)

// For returns the fix for the lab endpoint named endpoint.
func For(endpoint string) Fix {
	switch endpoint {
	case "substitution":
		return load(Typed)
	case "weak-secret":
		return load(Secret)
	}
	return load(Pinned)
}

func load(name string) Fix {
	read := func(path string) string {
		b, err := files.ReadFile(path)
		if err != nil {
			panic(fmt.Sprintf("attackfix: %s is not embedded: %v", path, err))
		}
		return string(b)
	}
	return Fix{Name: name, Go: read("gofix/" + name + ".go"), Python: read("py/" + name + ".py"), JS: read("js/" + name + ".mjs")}
}
