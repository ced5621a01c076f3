package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/authlab/authlab/app/keys"
)

// signingKeys parses SIGNING_KEYS: a JWK Set of private keys, the current
// one first. Every key needs a kid.
func signingKeys(jwks string) ([]*keys.Key, error) {
	if jwks == "" {
		return nil, errors.New("SIGNING_KEYS is not set; run `make dev` to create a development key in worker/.dev.vars")
	}
	set, err := keys.ParseSet([]byte(jwks))
	if err != nil {
		return nil, fmt.Errorf("SIGNING_KEYS: %w", err)
	}
	for i, k := range set.Keys {
		if k.Private == nil {
			return nil, fmt.Errorf("SIGNING_KEYS: key %d: %w", i, keys.ErrNoPrivate)
		}
	}
	return set.Keys, nil
}

// origins splits a comma-separated list such as CORS_ORIGINS.
func origins(list string) []string {
	var out []string
	for _, o := range strings.Split(list, ",") {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" {
			out = append(out, o)
		}
	}
	return out
}
