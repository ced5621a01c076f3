// Command devkey writes a development signing key to a dotenv file, unless
// the file already sets SIGNING_KEYS.
package main

import (
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/authlab/authlab/app/keys"
)

func main() {
	path := flag.String("o", "worker/.dev.vars", "dotenv file to create or extend")
	flag.Parse()
	old, err := os.ReadFile(*path)
	if err != nil && !os.IsNotExist(err) {
		log.Fatal(err)
	}
	if strings.Contains(string(old), "SIGNING_KEYS=") {
		return
	}
	k, err := keys.GenerateEC("P-256", rand.Reader)
	if err != nil {
		log.Fatal(err)
	}
	j, err := keys.PrivateJWK(k.Private)
	if err != nil {
		log.Fatal(err)
	}
	j.Kid, j.Alg, j.Use = k.Kid, k.Alg, "sig"
	set, err := json.Marshal(map[string]any{"keys": []*keys.JWK{j}})
	if err != nil {
		log.Fatal(err)
	}
	line := fmt.Sprintf("SIGNING_KEYS='%s'\n", set)
	if err := os.WriteFile(*path, append(old, line...), 0o600); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote a development ES256 key (kid %s) to %s\n", k.Kid, *path)
}
